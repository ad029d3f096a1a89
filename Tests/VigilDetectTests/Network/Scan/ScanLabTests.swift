import Foundation
import Testing
import VigilCore
import VigilDetect
import VigilNet
import VigilTesting

/// Real traffic in a pod network lab: nmap from one pod namespace against another is flagged by
/// TRW within 5 first contacts; a benign mix (curl loops to 5 services, DNS through a resolver
/// pod, readiness-probe-like connections from the node) raises no scan or lateral alert.
@Suite("scan detectors in a network lab", .serialized)
struct ScanLabTests {
  static let skip = PodNetworkLab.skipReason(needing: ["nmap", "curl", "python3", "dnsmasq", "dig"])

  /// Lab pods as Deployments in `lab`, the node gateway as the node.
  static func resolver(_ lab: PodNetworkLab) -> StaticEndpointResolver {
    var resolver = StaticEndpointResolver()
    for pod in lab.pods {
      resolver.hold(
        pod.ip,
        as: .workload(namespace: "lab", kind: "Deployment", name: pod.name, pod: "\(pod.name)-0"))
    }
    resolver.hold(PodNetworkLab.gateway, as: .node("lab-node", address: PodNetworkLab.gateway))
    resolver.addClusterRange(PodNetworkLab.podCIDR)
    return resolver
  }

  static func attribute(_ flows: [FlowRecord], _ lab: PodNetworkLab) -> [AttributedFlow] {
    let resolver = resolver(lab)
    var attributor = FlowAttributor()
    var out = flows.sorted { $0.start < $1.start }.compactMap {
      attributor.attribute($0, resolver: resolver)
    }
    out += attributor.drainPending(resolver: resolver)
    return out
  }

  @Test(
    "nmap -sT and -sS from a pod are flagged within 5 first contacts, naming the scanner",
    .enabled(if: skip == nil, "\(skip ?? "")"))
  func nmapScans() async throws {
    let lab = try PodNetworkLab(podNames: ["scanner", "web", "api"])
    defer { lab.remove() }
    let collector = try LabFlowCollector(namespacePath: lab.node.path, captureDNS: false)
    defer { collector.stop() }
    let scanner = try #require(lab.pod("scanner"))
    for (mode, target) in [("-sT", "web"), ("-sS", "api")] {
      let victim = try #require(lab.pod(target))
      try scanner.namespace.run([
        "nmap", mode, "-Pn", "-n", "-p", "1-200", "--max-retries", "0", victim.ip,
      ])
      let flows = try await collector.wait(timeout: .seconds(20)) { flows in
        flows.filter { $0.sourceIP == scanner.ip && $0.destinationIP == victim.ip }.count >= 200
      }
      let scan = Self.attribute(
        flows.filter { $0.sourceIP == scanner.ip && $0.destinationIP == victim.ip }, lab)
      var detector = TRWScanDetector()
      var alerts: [Alert] = []
      var contactsBeforeFlag = 0
      for flow in scan where alerts.isEmpty {
        alerts += detector.observe(flow)
        contactsBeforeFlag = detector.firstContacts
      }
      let alert = try #require(alerts.first, "nmap \(mode) was not flagged")
      #expect(contactsBeforeFlag <= 5, "nmap \(mode): \(contactsBeforeFlag) first contacts")
      #expect(ScanFlows.field(alert, "scan.scanner") == "lab/deploy/scanner")
      #expect(ScanFlows.field(alert, "scan.targets")?.contains(victim.ip) == true)
      #expect(alert.subject.name == "scanner")
      print("nmap \(mode): flagged after \(contactsBeforeFlag) first contacts: \(alert.output)")
    }
  }

  @Test(
    "a benign mix over 2 minutes raises no scan or lateral-movement alert",
    .enabled(if: skip == nil, "\(skip ?? "")"))
  func benignMix() async throws {
    let names = ["client", "other", "web", "api", "db", "cache", "dns"]
    let lab = try PodNetworkLab(podNames: names)
    var servers: [Process] = []
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vigil-scanlab-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let pidFile = directory.appendingPathComponent("dnsmasq.pid").path
    defer {
      for server in servers where server.isRunning {
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
      }
      let text = (try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? ""
      if let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1 {
        kill(pid, SIGKILL)
      }
      lab.remove()
      try? FileManager.default.removeItem(at: directory)
    }
    try lab.node.sysctl("net.netfilter.nf_conntrack_udp_timeout", "1")
    // Five services: web on 8080 and 8081, api, db and cache on 8080.
    let services: [(pod: String, port: Int)] = [
      ("web", 8080), ("web", 8081), ("api", 8080), ("db", 8080), ("cache", 8080),
    ]
    for (name, port) in services {
      let pod = try #require(lab.pod(name))
      servers.append(
        try pod.namespace.start(
          ["python3", "-m", "http.server", String(port), "--bind", pod.ip],
          logPath: directory.appendingPathComponent("\(name)-\(port).log").path))
    }
    let dns = try #require(lab.pod("dns"))
    try dns.namespace.run([
      "dnsmasq", "--no-resolv", "--no-hosts", "--bind-interfaces", "--listen-address=\(dns.ip)",
      "--user=root", "--pid-file=\(pidFile)", "--local-ttl=300",
      "--host-record=web.lab.svc,\(lab.pod("web")?.ip ?? "")",
    ])
    let collector = try LabFlowCollector(namespacePath: lab.node.path)
    defer { collector.stop() }
    // Servers up: wait until each answers from its own namespace.
    for (name, port) in services {
      let pod = try #require(lab.pod(name))
      let deadline = ContinuousClock.now + .seconds(10)
      while try pod.namespace.run(
        ["curl", "-s", "-o", "/dev/null", "-m", "1", "http://\(pod.ip):\(port)/"], check: false
      ).status != 0 {
        guard ContinuousClock.now < deadline else { throw LabFailure("\(name):\(port) not up") }
        usleep(50_000)
      }
    }
    let rounds = 6
    var expected = 0
    for _ in 0..<rounds {
      for client in ["client", "other"] {
        let pod = try #require(lab.pod(client))
        try pod.namespace.run(["dig", "@\(dns.ip)", "+short", "web.lab.svc"], check: false)
        for (name, port) in services {
          let ip = lab.pod(name)?.ip ?? ""
          try pod.namespace.run(
            ["curl", "-s", "-o", "/dev/null", "-m", "2", "http://\(ip):\(port)/"], check: false)
          expected += 1
        }
      }
      // Readiness probes from the node, one to a port that is not up yet.
      for (name, port) in services + [("cache", 9090)] {
        let ip = lab.pod(name)?.ip ?? ""
        try lab.node.run(
          ["curl", "-s", "-o", "/dev/null", "-m", "1", "http://\(ip):\(port)/"], check: false)
      }
    }
    let flows = try await collector.wait(timeout: .seconds(30)) { flows in
      flows.filter {
        $0.proto == 6 && $0.outcome == .established && $0.sourceIP != PodNetworkLab.gateway
      }
      .count >= expected
    }
    // Spread the flows over 2 minutes (in order), as if the loops had run that long.
    var attributed = Self.attribute(flows, lab)
    let base = Timestamp(nanoseconds: 1_764_000_000_000_000_000)
    for index in attributed.indices {
      let start = base.adding(.milliseconds(Int64(index * 120_000 / max(1, attributed.count))))
      attributed[index].flow.start = start
      attributed[index].flow.end = start
    }
    var lateralConfiguration = LateralMovementDetector.Configuration()
    lateralConfiguration.learningPeriod = .seconds(40)
    lateralConfiguration.sensitiveLearningPeriod = .seconds(40)
    var trw = TRWScanDetector()
    var threshold = ThresholdScanDetector()
    var lateral = LateralMovementDetector(configuration: lateralConfiguration)
    var alerts: [Alert] = []
    for flow in attributed {
      alerts += trw.observe(flow) + threshold.observe(flow) + lateral.observe(flow)
    }
    #expect(alerts.isEmpty, "\(alerts.map(\.output))")
    #expect(trw.firstContacts > 0)
    #expect(lateral.trackedWorkloads >= 2)
  }

  struct LabFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }
}
