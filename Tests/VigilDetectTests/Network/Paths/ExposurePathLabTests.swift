import Foundation
import Testing
import VigilCore
import VigilKube
import VigilNet
import VigilTesting

@testable import VigilDetect

/// Real traffic in lab namespaces: the "internet" reaches the web pod behind a LoadBalancer,
/// web calls api, api calls the database; the node's conntrack flows, attributed and folded
/// into the network map, list the exposure path with its evidence, and raise one alert.
@Suite("Exposure paths lab", .serialized)
struct ExposurePathLabTests {
  static let skip = PodNetworkLab.skipReason(needing: ["python3", "nc", "curl"])

  @Test(
    "an exposure path from a LoadBalancer Service to a database is listed from real flows",
    .enabled(if: skip == nil, "\(skip ?? "")"))
  func loadBalancerToDatabase() async throws {
    let lab = try PodNetworkLab(podNames: ["web", "api", "db"])
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vigil-paths-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var servers: [Process] = []
    var collector: LabFlowCollector?
    defer {
      collector?.stop()
      for server in servers where server.isRunning {
        // SIGKILL: children of the test process may ignore SIGTERM.
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
      }
      lab.remove()
      try? FileManager.default.removeItem(at: directory)
    }
    guard let web = lab.pod("web"), let api = lab.pod("api"), let db = lab.pod("db") else {
      Issue.record("lab pods missing")
      return
    }
    for (pod, port) in [(web, 8443), (api, 8080), (db, 5432)] {
      servers.append(
        try pod.namespace.start(
          [
            "python3", "-m", "http.server", String(port), "--bind", pod.ip, "--directory",
            directory.path,
          ], logPath: directory.appendingPathComponent("http-\(port).log").path))
      let deadline = ContinuousClock.now + .seconds(10)
      while try pod.namespace.run(["nc", "-z", "-w", "1", pod.ip, String(port)], check: false)
        .status != 0
      {
        guard ContinuousClock.now < deadline else {
          Issue.record("server on \(pod.ip):\(port) did not start")
          return
        }
        try await Task.sleep(for: .milliseconds(50))
      }
    }
    collector = try LabFlowCollector(namespacePath: lab.node.path, captureDNS: false)

    let calls: [(NetworkNamespace, String)] = [
      (lab.internet, "http://\(web.ip):8443/"), (web.namespace, "http://\(api.ip):8080/"),
      (api.namespace, "http://\(db.ip):5432/"),
    ]
    for (namespace, url) in calls {
      let code = try namespace.run(
        ["curl", "-s", "-o", "/dev/null", "-m", "5", "-w", "%{http_code}", url], check: false
      ).output
      #expect(code == "200", "\(url)")
    }
    let wanted: [(String, UInt16)] = [
      (PodNetworkLab.internetHost, 8443), (web.ip, 8080), (api.ip, 5432),
    ]
    let flows =
      try await collector?.wait(timeout: .seconds(20)) { flows in
        wanted.allSatisfy { source, port in
          flows.contains {
            $0.sourceIP == source && $0.destinationPort == port && $0.outcome == .established
          }
        }
      } ?? []

    var resolver = StaticEndpointResolver()
    resolver.addClusterRange(PodNetworkLab.podCIDR)
    resolver.hold(
      web.ip, as: .workload(namespace: "shop", kind: "Deployment", name: "frontend", pod: "web-0"),
      marks: EndpointMarks(isPublicEntry: true))
    resolver.hold(
      api.ip, as: .workload(namespace: "shop", kind: "Deployment", name: "api", pod: "api-0"))
    resolver.hold(
      db.ip, as: .workload(namespace: "shop", kind: "StatefulSet", name: "postgres", pod: "pg-0"),
      marks: EndpointMarks(sensitivity: ExposurePathFixtures.postgresMark))
    var attributor = FlowAttributor()
    var map = NetworkMap()
    for flow in flows {
      if let attributed = attributor.attribute(flow, resolver: resolver) { map.add(attributed) }
    }
    map.add(contentsOf: attributor.drainPending(resolver: resolver))

    let result = ExposurePaths(exposures: [ExposurePathFixtures.loadBalancer], graph: map.graph())
    #expect(result.paths.count == 1, "\(result.text)")
    let path = try #require(result.paths.first)
    #expect(path.kind == .observed)
    #expect(path.startLabel == "shop/deploy/frontend")
    #expect(path.hops.map(\.toLabel) == ["shop/deploy/api", "shop/sts/postgres"])
    #expect(path.hops.map { $0.observed?.ports ?? [] } == [["8080/tcp"], ["5432/tcp"]])
    #expect(path.hops.allSatisfy { ($0.observed?.connections ?? 0) >= 1 })
    #expect(path.entry.publicConnections >= 1)
    #expect(path.text.hasPrefix("Exposure path: LoadBalancer shop/web :443 → shop/deploy/frontend"))

    var alerts = ExposurePathAlerts()
    let raised = alerts.alerts(for: result, at: path.lastSeen ?? .now())
    #expect(raised.count == 1)
    #expect(raised.first?.fields.first { $0.name == "path.target" }?.value == "shop/sts/postgres")
  }
}
