import Foundation
import Testing
import VigilCore
import VigilNet
import VigilTesting

@testable import VigilDetect

/// Real traffic between lab namespaces, read from the node's conntrack (and DNS capture),
/// attributed to workloads named after the lab pods, fed to the zone detectors.
@Suite("Zone detectors lab", .serialized)
struct ZoneDetectorsLabTests {
  static let skip = PodNetworkLab.skipReason(needing: ["python3", "nc", "curl", "dnsmasq", "dig"])

  @Test(
    "a dev-shop pod reaching the prod postgres is flagged; a prod pod reaching it is not",
    .enabled(if: skip == nil, "\(skip ?? "")"))
  func devReachesProdPostgres() async throws {
    let setup = try ZoneLab(pods: ["client", "postgres", "web"])
    defer { setup.close() }
    let postgres = try setup.pod("postgres")
    try setup.hold("client", namespace: "dev-shop", workload: "client")
    try setup.hold("web", namespace: "prod", workload: "web")
    try setup.hold(
      "postgres", namespace: "prod", workload: "postgres", kind: "StatefulSet",
      marks: ZoneTestFlows.postgresMarks)
    try setup.startHTTPServer(in: postgres.namespace, ip: postgres.ip, port: 5432)
    try setup.startCollector(captureDNS: false)

    for name in ["client", "web"] {
      let result = try setup.pod(name).namespace.run(
        ["nc", "-z", "-w", "3", postgres.ip, "5432"], check: false)
      #expect(result.status == 0, "\(name): \(result.output)")
    }
    let sources = try [setup.pod("client").ip, setup.pod("web").ip]
    let flows = try await setup.attributedFlows { flows in
      sources.allSatisfy { ip in
        flows.contains { $0.sourceIP == ip && $0.destinationPort == 5432 }
      }
    }
    var detector = ZoneCrossingDetector(classifier: ZoneClassifier())
    var alerts: [Alert] = []
    for flow in flows { alerts += detector.observe(flow) }
    alerts += detector.finish()
    #expect(alerts.count == 1, "\(alerts.map(\.output))")
    let alert = try #require(alerts.first)
    #expect(alert.subject.namespace == "dev-shop" && alert.subject.name == "client")
    #expect(ZoneTestFlows.field(alert, "fd.sip") == postgres.ip)
    #expect(ZoneTestFlows.field(alert, "fd.destination") == "prod/sts/postgres")
    #expect(ZoneTestFlows.field(alert, "vigil.zone.source.reason") == "name pattern dev-*")
    #expect(ZoneTestFlows.field(alert, "fd.outcome") == "established")
    #expect(alert.severity == .error)
  }

  @Test(
    "curl over http:// to the internet is flagged with the host name the pod resolved",
    .enabled(if: skip == nil, "\(skip ?? "")"))
  func plaintextToInternet() async throws {
    let setup = try ZoneLab(pods: ["coredns", "shop"])
    defer { setup.close() }
    let shop = try setup.pod("shop")
    try setup.hold("coredns", namespace: "kube-system", workload: "coredns")
    try setup.hold("shop", namespace: "shop", workload: "storefront")
    try setup.startHTTPServer(
      in: setup.lab.internet, ip: PodNetworkLab.internetHost, port: 80)
    try setup.startDNS(
      in: "coredns", records: ["plain.example.com,\(PodNetworkLab.internetHost)"])
    try shop.namespace.useNameserver(try setup.pod("coredns").ip)
    try setup.startCollector(captureDNS: true)

    let status = try shop.namespace.run(
      [
        "curl", "-s", "-o", "/dev/null", "-m", "5", "-w", "%{http_code}",
        "http://plain.example.com/",
      ],
      check: false
    ).output
    #expect(status == "200")
    let flows = try await setup.attributedFlows { flows in
      flows.contains { $0.destinationPort == 80 && $0.dnsName == "plain.example.com" }
    }
    var detector = PlaintextHTTPDetector()
    var alerts: [Alert] = []
    for flow in flows { alerts += detector.observe(flow) }
    alerts += detector.finish()
    #expect(alerts.count == 1, "\(alerts.map(\.output))")
    let alert = try #require(alerts.first)
    #expect(ZoneTestFlows.field(alert, "vigil.http.host") == "plain.example.com")
    #expect(alert.subject.namespace == "shop" && alert.subject.name == "storefront")
    #expect(alert.output.contains("plain.example.com (\(PodNetworkLab.internetHost))"))
    #expect(ZoneTestFlows.field(alert, "fd.sport") == "80")
  }

  @Test(
    "a connection from the internet alerts for an unexposed pod and is recorded for an exposed one",
    .enabled(if: skip == nil, "\(skip ?? "")"))
  func internetIngress() async throws {
    let setup = try ZoneLab(pods: ["api", "frontend"])
    defer { setup.close() }
    let api = try setup.pod("api")
    let frontend = try setup.pod("frontend")
    try setup.hold("api", namespace: "shop", workload: "api")
    try setup.hold(
      "frontend", namespace: "shop", workload: "frontend",
      marks: EndpointMarks(isPublicEntry: true))
    try setup.startHTTPServer(in: api.namespace, ip: api.ip, port: 8080)
    try setup.startHTTPServer(in: frontend.namespace, ip: frontend.ip, port: 8080)
    try setup.startCollector(captureDNS: false)

    for ip in [api.ip, frontend.ip, frontend.ip] {
      let status = try setup.lab.internet.run(
        ["curl", "-s", "-o", "/dev/null", "-m", "5", "-w", "%{http_code}", "http://\(ip):8080/"],
        check: false
      ).output
      #expect(status == "200", "\(ip)")
    }
    let flows = try await setup.attributedFlows { flows in
      flows.filter { $0.sourceIP == PodNetworkLab.internetHost && $0.destinationPort == 8080 }
        .count >= 3
    }
    var detector = InternetIngressDetector()
    var alerts: [Alert] = []
    for flow in flows { alerts += detector.observe(flow) }
    alerts += detector.finish()
    #expect(alerts.count == 1, "\(alerts.map(\.output))")
    let alert = try #require(alerts.first)
    #expect(ZoneTestFlows.field(alert, "fd.destination") == "shop/deploy/api")
    #expect(ZoneTestFlows.field(alert, "vigil.ingress.sources") == PodNetworkLab.internetHost)
    #expect(alert.severity == .error)
    let record = try #require(detector.records.first)
    #expect(detector.records.count == 1)
    #expect(record.destination.name == "frontend" && record.port == 8080)
    #expect(record.connections == 2 && record.established == 2)
    #expect(record.sources == [PodNetworkLab.internetHost])
  }
}
