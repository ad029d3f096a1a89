import Foundation
import Testing
import VigilCore
import VigilJSON
import VigilNet
import VigilStore
import VigilTesting

/// The node agent and the server as a user runs them, on a node made of network namespaces: the
/// built `vigil` runs `serve` and `agent` inside the lab's node namespace; pods resolve names
/// through dnsmasq (the "cluster DNS" pod) and talk with curl to python's http.server in another
/// pod and in the "internet" namespace. The assertions read the server's map and store.
@Suite("vigil agent in a network lab", .serialized)
struct AgentLabTests {
  static let skip = PodNetworkLab.skipReason(needing: ["dnsmasq", "curl", "python3"])
  static let token = "lab-agent-token"
  /// Inside the lab's node namespace nothing else listens: fixed ports are safe.
  static let serverPort = 18_443
  static let metricsPort = 19_465
  /// Served by both HTTP servers.
  static let blobSize = 20_000

  /// The fixture inventory: the lab's pods as Deployments (frontend, backend in `shop`; coredns
  /// in `kube-system`) on node-1 with the pod CIDR.
  static func inventory(_ lab: PodNetworkLab) -> String {
    func pod(_ name: String, _ namespace: String, _ deployment: String, _ ip: String) -> String {
      """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"\(deployment)-7d9f8b6c5d-\(name)",\
      "namespace":"\(namespace)","uid":"uid-\(name)","creationTimestamp":"2026-11-29T00:00:00Z",\
      "labels":{"app":"\(deployment)","pod-template-hash":"7d9f8b6c5d"},"ownerReferences":[{\
      "apiVersion":"apps/v1","kind":"ReplicaSet","name":"\(deployment)-7d9f8b6c5d","uid":"rs-\(name)",\
      "controller":true}]},"spec":{"nodeName":"node-1","containers":[{"name":"c","image":"nginx:1.27"}]},\
      "status":{"phase":"Running","podIP":"\(ip)","podIPs":[{"ip":"\(ip)"}]}}
      """
    }
    let ip = { (name: String) in lab.pod(name)?.ip ?? "" }
    return """
      {"apiVersion":"v1","kind":"List","items":[
      \(pod("a", "shop", "frontend", ip("frontend"))),
      \(pod("b", "shop", "backend", ip("backend"))),
      \(pod("c", "kube-system", "coredns", ip("coredns"))),
      {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1","uid":"n1",\
      "creationTimestamp":"2026-11-29T00:00:00Z"},"spec":{"podCIDR":"\(PodNetworkLab.podCIDR)",\
      "podCIDRs":["\(PodNetworkLab.podCIDR)"]},"status":{"addresses":[{"type":"InternalIP",\
      "address":"\(PodNetworkLab.gateway)"}]}}
      ]}
      """
  }

  /// Everything one run needs, torn down in `close()`.
  final class Setup {
    let lab: PodNetworkLab
    let directory: URL
    var dnsmasqPID: Int32?
    var servers: [Process] = []

    init() throws {
      lab = try PodNetworkLab(podNames: ["frontend", "backend", "coredns"])
      directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "vigil-agent-lab-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func close() {
      for server in servers where server.isRunning {
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
      }
      if let dnsmasqPID { kill(dnsmasqPID, SIGKILL) }
      lab.remove()
      try? FileManager.default.removeItem(at: directory)
    }
  }

  /// Runs a command in the lab's node namespace and returns its output.
  static func inNode(_ setup: Setup, _ arguments: [String]) throws -> String {
    try setup.lab.node.run(arguments, check: false).output
  }

  /// The server's map as `NetworkGraph`, asked from inside the node namespace.
  static func graph(_ setup: Setup) throws -> NetworkGraph? {
    let text = try inNode(
      setup,
      [
        "curl", "-s", "-H", "Authorization: Bearer \(token)",
        "http://127.0.0.1:\(serverPort)/api/v1/graph",
      ])
    return try? NetworkGraph(json: text)
  }

  /// The value of an agent metric (first sample with that name and label text).
  static func agentMetric(_ setup: Setup, _ series: String) throws -> Double? {
    let text = try inNode(setup, ["curl", "-s", "http://127.0.0.1:\(metricsPort)/metrics"])
    for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
      return Double(line.split(separator: " ").last ?? "")
    }
    return nil
  }

  /// Waits (bounded) until `condition` holds.
  static func eventually(
    _ what: String, seconds: Int = 30, _ condition: () throws -> Bool
  ) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while try !condition() {
      guard ContinuousClock.now < deadline else {
        throw LabFailure(description: "timed out waiting for \(what)")
      }
      try await Task.sleep(for: .milliseconds(200))
    }
  }

  struct LabFailure: Error, CustomStringConvertible {
    var description: String
  }

  /// Imports the fixture inventory into the store and writes the agent's token file.
  static func prepareServer(_ setup: Setup) throws {
    try Self.inventory(setup.lab).write(
      toFile: setup.path("inventory.json"), atomically: true, encoding: .utf8)
    try Command.run([
      ServeProcess.binary.path, "inventory", "import", "--db", setup.path("vigil.db"),
      setup.path("inventory.json"),
    ])
    try Self.token.write(toFile: setup.path("token"), atomically: true, encoding: .utf8)
  }

  /// Starts dnsmasq in the coredns pod with `records` (dnsmasq options such as
  /// `--host-record=…`) and points the frontend pod's resolver at it.
  static func startDNS(_ setup: Setup, _ records: [String]) throws {
    guard let coredns = setup.lab.pod("coredns"), let frontend = setup.lab.pod("frontend") else {
      return
    }
    try coredns.namespace.run(
      [
        "dnsmasq", "--no-resolv", "--no-hosts", "--bind-interfaces",
        "--listen-address=\(coredns.ip)", "--local-ttl=30",
        "--pid-file=\(setup.path("dnsmasq.pid"))",
      ] + records)
    setup.dnsmasqPID = (try? String(contentsOfFile: setup.path("dnsmasq.pid"), encoding: .utf8))
      .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    try frontend.namespace.useNameserver(coredns.ip)
  }

  static func startServe(_ setup: Setup, extra: [String] = []) async throws -> ServeProcess {
    let serve = try ServeProcess(
      [
        "--listen", "127.0.0.1:\(serverPort)", "--auth-tokens", token, "--store",
        setup.path("vigil.db"), "--rules",
        AuditBodies.repository.appendingPathComponent("rules/audit.yaml").path,
      ] + extra, namespace: setup.lab.node.name)
    _ = try await serve.port()
    return serve
  }

  static func startAgent(_ setup: Setup) async throws -> ServeProcess {
    let agent = try ServeProcess(
      [
        "--server", "http://127.0.0.1:\(serverPort)", "--token-file", setup.path("token"),
        "--node", "node-1", "--spool", setup.path("spool"), "--metrics-listen",
        "127.0.0.1:\(metricsPort)", "--flush-interval-ms", "100",
      ], subcommand: nil, executable: "vigil-agent", namespace: setup.lab.node.name)
    try await agent.waitForLog("vigil agent started")
    try await agent.waitForLog("metrics listening")
    return agent
  }

  /// curl from the frontend pod; returns `status bytes`.
  @discardableResult
  static func curl(_ setup: Setup, _ url: String) throws -> String {
    guard let frontend = setup.lab.pod("frontend") else { return "" }
    return try frontend.namespace.run(
      ["curl", "-s", "-o", "/dev/null", "-m", "5", "-w", "%{http_code} %{size_download}", url],
      check: false
    ).output
  }

  @Test(
    "flows are named by workload and DNS, mapped, and delivered once through an outage and restarts",
    .enabled(if: skip == nil, "\(skip ?? "")"))
  func agentToServer() async throws {
    let setup = try Setup()
    defer { setup.close() }
    let lab = setup.lab
    let frontend = try #require(lab.pod("frontend"))
    let backend = try #require(lab.pod("backend"))

    // A file of known size behind both HTTP servers, the cluster DNS, the inventory, the token.
    let site = setup.path("site")
    try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
    try Data(repeating: 0x61, count: Self.blobSize).write(
      to: URL(fileURLWithPath: site + "/blob"))
    setup.servers.append(
      try lab.internet.start(
        [
          "python3", "-m", "http.server", "80", "--bind", PodNetworkLab.internetHost,
          "--directory", site,
        ], logPath: setup.path("internet.log")))
    setup.servers.append(
      try backend.namespace.start(
        ["python3", "-m", "http.server", "8080", "--bind", backend.ip, "--directory", site],
        logPath: setup.path("backend.log")))
    try Self.startDNS(
      setup,
      [
        "--host-record=api.example.com,\(PodNetworkLab.internetHost)",
        "--cname=www.example.com,api.example.com",
      ])
    try Self.prepareServer(setup)

    try lab.node.sysctl("net.netfilter.nf_conntrack_udp_timeout", "3")
    var serve = try await Self.startServe(setup)
    var agent = try await Self.startAgent(setup)

    // Traffic: a name through the cluster DNS to the internet, east-west, a refused port.
    #expect(try Self.curl(setup, "http://www.example.com/blob") == "200 \(Self.blobSize)")
    #expect(try Self.curl(setup, "http://\(backend.ip):8080/blob") == "200 \(Self.blobSize)")
    #expect(try Self.curl(setup, "http://\(backend.ip):9999/").hasPrefix("000"))

    var graph = NetworkGraph(nodes: [], edges: [])
    defer {
      if graph.edges.count < 4 {
        print("agent log:\n\(agent.output.suffix(3000))\nserve log:\n\(serve.output.suffix(2000))")
        print(graph.text())
      }
    }
    try await Self.eventually("the three edges in /api/v1/graph") {
      graph = try Self.graph(setup) ?? graph
      return [80, 8080, 9999].allSatisfy { port in graph.edges.contains { $0.port == port } }
    }
    let frontendNode = try #require(graph.nodes.first { $0.endpoint.name == "frontend" })
    #expect(frontendNode.endpoint.namespace == "shop")
    #expect(frontendNode.endpoint.workloadKind == "Deployment")
    let web = try #require(graph.edges.first { $0.port == 80 })
    let internet = try #require(graph.node(web.destination))
    #expect(web.source == frontendNode.id && web.edgeClass == .egressInternet)
    #expect(internet.endpoint.dnsName == "www.example.com")
    #expect(web.outcomes.established == 1)
    #expect(web.bytesIn >= UInt64(Self.blobSize) && web.bytesIn < UInt64(Self.blobSize + 3_000))
    let east = try #require(graph.edges.first { $0.port == 8080 })
    #expect(east.edgeClass == .eastWest && east.outcomes.established == 1)
    #expect(graph.node(east.destination)?.endpoint.name == "backend")
    #expect(east.bytesIn >= UInt64(Self.blobSize))
    let refused = try #require(graph.edges.first { $0.port == 9999 })
    #expect(refused.outcomes.refused == 1 && refused.connections == 1)

    // The server goes away; connections made meanwhile wait in the agent's spool.
    #expect(serve.stop() == 0)
    for _ in 0..<3 {
      #expect(try Self.curl(setup, "http://\(backend.ip):8080/blob") == "200 \(Self.blobSize)")
    }
    try await Self.eventually("a failed shipment") {
      (try Self.agentMetric(setup, "vigil_agent_ship_failures_total") ?? 0) >= 1
    }
    try await Self.eventually("the three new flows in the spool") {
      (try Self.agentMetric(setup, "vigil_agent_spool_records") ?? 0) >= 3
    }
    // The agent restarts too (upgrade), then the server comes back.
    #expect(agent.stop() == 0)
    agent = try await Self.startAgent(setup)
    #expect(try Self.curl(setup, "http://\(backend.ip):8080/blob") == "200 \(Self.blobSize)")
    serve = try await Self.startServe(setup)
    try await Self.eventually("all five east-west connections on the map") {
      graph = try Self.graph(setup) ?? graph
      return graph.edges.first { $0.port == 8080 }?.connections == 5
    }
    try await Self.eventually("an empty spool") {
      (try Self.agentMetric(setup, "vigil_agent_spool_records") ?? 1) == 0
    }
    // UDP entries end by timeout (lowered to 3 s in this node) and the kernel's cleanup pass.
    try await Self.eventually("the DNS lookups on the map", seconds: 60) {
      graph = try Self.graph(setup) ?? graph
      return graph.edges.contains { $0.port == 53 }
    }
    let dns = try #require(graph.edges.first { $0.port == 53 })
    #expect(graph.node(dns.destination)?.endpoint.name == "coredns")
    #expect(dns.edgeClass == .eastWest && dns.proto == 17 && dns.outcomes.established >= 1)
    #expect(agent.stop() == 0)
    #expect(serve.stop() == 0)

    // The store holds every connection once, each with its Community ID.
    let store = try SQLiteStore(path: setup.path("vigil.db"))
    defer { try? store.close() }
    var flows: [FlowRecord] = []
    var decoder = VigilFlowDecoder(file: "store")
    var communityIDs: [String] = []
    try store.forEachFlow { flow in
      if case .record(let record) = decoder.next(line: flow.line) { flows.append(record) }
      if let document = try? JSONDocument(parsing: flow.line),
        let id = document.root["communityID"]?.string
      {
        communityIDs.append(id)
      }
    }
    let east8080 = flows.filter { $0.destinationPort == 8080 && $0.sourceIP == frontend.ip }
    #expect(east8080.count == 5)
    #expect(Set(east8080.map(\.sourcePort)).count == 5)
    #expect(flows.filter { $0.destinationPort == 80 }.count == 1)
    #expect(flows.filter { $0.destinationPort == 9999 }.count == 1)
    #expect(communityIDs.count == flows.count)
    #expect(Set(flows.compactMap { CommunityID.v1($0) }) == Set(communityIDs))
    #expect(flows.allSatisfy { $0.node == "node-1" && ($0.source == "conntrack" || $0.isLookup) })
    // The names the pods looked up arrive as lookup records too (for intel on lookups alone).
    #expect(flows.contains { $0.isLookup && $0.sourceIP == frontend.ip && $0.dnsName != nil })
  }

  @Test(
    "a port scan seen by the agent raises one alert naming the scanning workload at the sink",
    .enabled(
      if: skip == nil && PodNetworkLab.skipReason(needing: ["nmap"]) == nil, "\(skip ?? "nmap")"))
  func scanThroughTheAgent() async throws {
    let setup = try Setup()
    defer { setup.close() }
    let lab = setup.lab
    let backend = try #require(lab.pod("backend"))
    try Self.prepareServer(setup)
    let alerts = setup.path("alerts.jsonl")
    let serve = try await Self.startServe(setup, extra: ["--sink", "file:alerts,path=\(alerts)"])
    let agent = try await Self.startAgent(setup)
    guard let frontend = lab.pod("frontend") else { return }
    try frontend.namespace.run(["nmap", "-sT", "-Pn", "-n", "-p", "1-100", backend.ip])
    var lines: [String] = []
    try await Self.eventually("the scan alert in the sink's file") {
      lines = ((try? String(contentsOfFile: alerts, encoding: .utf8)) ?? "")
        .split(separator: "\n").map(String.init)
      return lines.contains { $0.contains("Port scan or host sweep") }
    }
    let scan = try #require(lines.first { $0.contains("Port scan or host sweep (TRW)") })
    #expect(scan.contains("frontend"))
    #expect(scan.contains(backend.ip))
    #expect(scan.contains("T1046"))
    // One alert for the scan, not one per probe.
    #expect(lines.filter { $0.contains("Port scan or host sweep (TRW)") }.count == 1)
    #expect(agent.stop() == 0)
    #expect(serve.stop() == 0)
  }

  @Test(
    "through the agent and the server: a STIX feed hit, plaintext HTTP and a mining pool are alerted",
    .enabled(if: skip == nil, "\(skip ?? "")"))
  func intelThroughTheAgent() async throws {
    let setup = try Setup()
    defer { setup.close() }
    let lab = setup.lab
    let frontend = try #require(lab.pod("frontend"))
    let site = setup.path("site")
    try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
    try Data("hello".utf8).write(to: URL(fileURLWithPath: site + "/index.html"))
    setup.servers.append(
      try lab.internet.start(
        [
          "python3", "-m", "http.server", "80", "--bind", PodNetworkLab.internetHost,
          "--directory", site,
        ], logPath: setup.path("internet.log")))
    setup.servers.append(
      try lab.internet.start(
        [
          "python3", "-c",
          "import socket\ns=socket.socket()\ns.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n"
            + "s.bind(('\(PodNetworkLab.internetHost)',3333))\ns.listen(8)\n"
            + "while True:\n c,_=s.accept()\n c.recv(512)\n c.close()",
        ], logPath: setup.path("pool.log")))
    try Self.startDNS(
      setup,
      [
        "--host-record=c2.evil.example,\(PodNetworkLab.internetHost)",
        "--host-record=eu.supportxmr.com,\(PodNetworkLab.internetHost)",
      ])
    let feed = setup.path("acme.json")
    try """
    {"type":"bundle","id":"bundle--1","objects":[{"type":"indicator","spec_version":"2.1",
    "id":"indicator--1","created":"2026-11-01T00:00:00Z","modified":"2026-11-01T00:00:00Z",
    "name":"ACME C2","description":"command and control of the ACME campaign",
    "pattern":"[domain-name:value = 'evil.example']","pattern_type":"stix",
    "valid_from":"2026-11-01T00:00:00Z"}]}
    """.write(toFile: feed, atomically: true, encoding: .utf8)
    try Self.prepareServer(setup)
    let alerts = setup.path("alerts.jsonl")
    let serve = try await Self.startServe(
      setup,
      extra: [
        "--sink", "file:alerts,path=\(alerts)", "--network-threat-feeds", "acme=\(feed)",
      ])
    try await serve.waitForLog("threat feed loaded")
    let agent = try await Self.startAgent(setup)

    #expect(try Self.curl(setup, "http://c2.evil.example/index.html") == "200 5")
    try frontend.namespace.run([
      "python3", "-c",
      "import socket\nc=socket.create_connection(('eu.supportxmr.com',3333),timeout=3)\n"
        + "c.sendall(b'{\"id\":1,\"method\":\"login\",\"params\":{\"agent\":\"XMRig/6.21\"}}\\n')\nc.close()",
    ])
    var lines: [String] = []
    let rules = [
      "Threat intel indicator match", "Plaintext HTTP to a public endpoint",
      "Cryptocurrency mining pool connection",
    ]
    try await Self.eventually("the three alerts in the sink's file", seconds: 40) {
      lines = ((try? String(contentsOfFile: alerts, encoding: .utf8)) ?? "")
        .split(separator: "\n").map(String.init)
      return rules.allSatisfy { rule in lines.contains { $0.contains(rule) } }
    }
    let intel = try #require(lines.first { $0.contains(rules[0]) })
    #expect(intel.contains("acme") && intel.contains("evil.example") && intel.contains("frontend"))
    let plaintext = try #require(lines.first { $0.contains(rules[1]) })
    #expect(plaintext.contains("c2.evil.example"))
    let miner = try #require(lines.first { $0.contains(rules[2]) })
    #expect(miner.contains("supportxmr") && miner.contains("T1496"))
    #expect(agent.stop() == 0)
    #expect(serve.stop() == 0)
  }
}
