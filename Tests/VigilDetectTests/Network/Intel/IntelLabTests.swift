import Foundation
import Testing
import VigilCore
import VigilNet
import VigilTesting

@testable import VigilDetect

/// Real traffic in the pod lab: a pod resolves a name through dnsmasq (the cluster DNS) and
/// connects to the "internet" namespace; the node agent's readers collect the flows with the
/// names, a static resolver names the pods, and the intel detectors look at them.
@Suite("Intel lab", .serialized)
struct IntelLabTests {
  static let skip = PodNetworkLab.skipReason(needing: ["dnsmasq", "curl", "python3"])

  struct SetupError: Error {}

  /// A lab with a DNS pod serving `records` (name → the internet host) and a client pod using it.
  final class Setup {
    let lab: PodNetworkLab
    let directory: String
    var pids: [Int32] = []

    init(client: String, records: [String]) throws {
      lab = try PodNetworkLab(podNames: ["dns", client])
      directory =
        NSTemporaryDirectory() + "vigil-intel-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      guard let dns = lab.pod("dns"), let pod = lab.pod(client) else {
        throw SetupError()
      }
      try dns.namespace.run(
        [
          "dnsmasq", "--no-resolv", "--no-hosts", "--bind-interfaces",
          "--listen-address=\(dns.ip)", "--user=root", "--local-ttl=300",
          "--pid-file=\(directory)/dnsmasq.pid",
        ] + records.map { "--host-record=\($0),\(PodNetworkLab.internetHost)" })
      if let pid = (try? String(contentsOfFile: "\(directory)/dnsmasq.pid", encoding: .utf8))
        .flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
      {
        pids.append(pid)
      }
      try pod.namespace.useNameserver(dns.ip)
    }

    func start(_ arguments: [String]) throws {
      let process = try lab.internet.start(
        arguments, logPath: "\(directory)/server-\(pids.count).log")
      pids.append(process.processIdentifier)
    }

    /// The pods named as workloads of namespace `lab`.
    func attribute(_ flows: [FlowRecord]) -> [AttributedFlow] {
      var resolver = StaticEndpointResolver()
      for pod in lab.pods {
        resolver.hold(
          pod.ip, as: .workload(namespace: "lab", kind: "Deployment", name: pod.name, pod: pod.name)
        )
      }
      var attributor = FlowAttributor()
      return flows.compactMap { attributor.attribute($0, resolver: resolver) }
    }

    func close() {
      for pid in pids where pid > 1 { kill(pid, SIGKILL) }
      lab.remove()
      try? FileManager.default.removeItem(atPath: directory)
    }
  }

  /// Polls `body` until it succeeds or 10 s pass.
  static func retry(_ body: () throws -> Bool) throws -> Bool {
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
      if try body() { return true }
      usleep(100_000)
    }
    return false
  }

  @Test(
    "a pod only resolving a domain on a STIX feed (no connection) raises an IoC alert",
    .enabled(if: skip == nil, "\(skip ?? "")"))
  func stixLookupOnly() async throws {
    let setup = try Setup(client: "victim", records: ["c2.evil.example", "benign.example"])
    defer { setup.close() }
    let victim = try #require(setup.lab.pod("victim"))
    let collector = try LabFlowCollector(namespacePath: setup.lab.node.path)
    defer { collector.stop() }
    let resolve = [
      "python3", "-c",
      "import socket; print(socket.gethostbyname('c2.evil.example')); "
        + "print(socket.gethostbyname('benign.example'))",
    ]
    let resolved = try Self.retry {
      try victim.namespace.run(resolve, check: false).output.contains(PodNetworkLab.internetHost)
    }
    #expect(resolved)
    let flows = try await collector.wait(timeout: .seconds(20)) { flows in
      flows.contains { $0.isLookup && $0.dnsName == "c2.evil.example" }
    }
    let lookups = flows.filter(\.isLookup)
    #expect(lookups.contains { $0.dnsName == "benign.example" })
    #expect(!flows.contains { !$0.isLookup && $0.destinationIP == PodNetworkLab.internetHost })
    let lookup = try #require(lookups.first { $0.dnsName == "c2.evil.example" })
    #expect(lookup.sourceIP == victim.ip && lookup.destinationPort == 53)
    #expect(lookup.outcome == .unknown)
    let feed = ThreatFeed(name: "acme-cert", location: .file("-"), format: .stix)
    let indicators = IndicatorSet(feed.parse(Array(FeedParserTests.bundle.utf8)).indicators)
    var detector = ThreatIntelDetector(indicators: indicators)
    var alerts: [Alert] = []
    for flow in setup.attribute(flows) { alerts += detector.observe(flow) }
    alerts += detector.finish()
    let alert = try #require(alerts.first { $0.rule == ThreatIntelDetector.rule })
    #expect(alerts.count == 1)
    #expect(alert.output.contains("looked up c2.evil.example"), "\(alert.output)")
    #expect(alert.output.contains("acme-cert"))
    #expect(alert.subject.name == "victim")
  }

  @Test(
    "a pod resolving and fetching a domain on a STIX feed raises an IoC alert naming the feed",
    .enabled(if: skip == nil, "\(skip ?? "")"))
  func stixDomain() async throws {
    let setup = try Setup(client: "victim", records: ["c2.evil.example"])
    defer { setup.close() }
    let victim = try #require(setup.lab.pod("victim"))
    try setup.start(["python3", "-m", "http.server", "80", "--bind", PodNetworkLab.internetHost])
    let collector = try LabFlowCollector(namespacePath: setup.lab.node.path)
    defer { collector.stop() }
    let fetched = try Self.retry {
      try victim.namespace.run(
        [
          "curl", "-s", "-o", "/dev/null", "-m", "3", "-w", "%{http_code}",
          "http://c2.evil.example/",
        ],
        check: false
      ).output == "200"
    }
    #expect(fetched)
    let flows = try await collector.wait(timeout: .seconds(20)) { flows in
      flows.contains { $0.destinationPort == 80 && $0.dnsName == "c2.evil.example" }
    }
    let feed = ThreatFeed(name: "acme-cert", location: .file("-"), format: .stix)
    let indicators = IndicatorSet(feed.parse(Array(FeedParserTests.bundle.utf8)).indicators)
    var detector = ThreatIntelDetector(indicators: indicators)
    var alerts: [Alert] = []
    for flow in setup.attribute(flows) { alerts += detector.observe(flow) }
    alerts += detector.finish()
    let alert = try #require(alerts.first { $0.rule == ThreatIntelDetector.rule })
    #expect(alerts.count == 1)
    #expect(alert.output.contains("acme-cert"), "\(alert.output)")
    #expect(alert.fields.contains { $0.name == "intel.indicator" && $0.value == "c2.evil.example" })
    #expect(alert.subject.name == "victim" && alert.subject.namespace == "lab")
    #expect(alert.fields.contains { $0.name == "fd.cip" && $0.value == victim.ip })
  }

  @Test(
    "a miner pod resolving a pool domain and connecting to port 3333 is flagged",
    .enabled(if: skip == nil, "\(skip ?? "")"))
  func minerPool() async throws {
    let pool = "gulf.moneroocean.stream"
    let setup = try Setup(client: "miner", records: [pool])
    defer { setup.close() }
    let miner = try #require(setup.lab.pod("miner"))
    // A stratum-ish pool: answers one line to each client.
    try setup.start([
      "python3", "-c",
      """
      import socket
      s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
      s.bind(("\(PodNetworkLab.internetHost)", 3333)); s.listen(8)
      while True:
          c, _ = s.accept(); c.recv(4096)
          c.sendall(b'{"id":1,"result":{"status":"OK"},"error":null}\\n'); c.close()
      """,
    ])
    let collector = try LabFlowCollector(namespacePath: setup.lab.node.path)
    defer { collector.stop() }
    let client = """
      import socket
      c = socket.create_connection(("\(pool)", 3333), timeout=3)
      c.sendall(b'{"id":1,"jsonrpc":"2.0","method":"login","params":{"login":"4A","pass":"x","agent":"XMRig/6.21.0"}}\\n')
      print(c.recv(4096).decode()); c.close()
      """
    let connected = try Self.retry {
      try miner.namespace.run(["python3", "-c", client], check: false).output.contains("OK")
    }
    #expect(connected)
    let flows = try await collector.wait(timeout: .seconds(20)) { flows in
      flows.contains { $0.destinationPort == 3333 && $0.dnsName == pool }
    }
    // The lookup of the pool is a record of its own (a pool-domain match without a port).
    #expect(flows.contains { $0.isLookup && $0.dnsName == pool })
    var detector = CryptominerDetector()
    var alerts: [Alert] = []
    for flow in setup.attribute(flows.filter { !$0.isLookup }) { alerts += detector.observe(flow) }
    alerts += detector.finish()
    let alert = try #require(alerts.first)
    #expect(alerts.count == 1)
    #expect(alert.severity == .critical)
    #expect(alert.subject.name == "miner")
    #expect(
      alert.fields.contains {
        $0.name == "miner.evidence" && $0.value == "pool-domain, stratum-port"
      })
    #expect(alert.output.contains(pool))
  }
}
