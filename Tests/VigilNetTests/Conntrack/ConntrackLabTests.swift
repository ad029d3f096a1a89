import Foundation
import Testing
import VigilCore
import VigilTesting

@testable import VigilNet

/// Real kernel conntrack in a `PodNetworkLab`: the socket and tracker run in the node
/// namespace while pods talk through its bridge and router.
@Suite("ConntrackLab", .serialized)
struct ConntrackLabTests {
  /// Reads until `done` says so or `seconds` pass; returns the records and events seen.
  func drain(
    _ reader: ConntrackFlowReader, records: inout [FlowRecord], events: inout [ConntrackEvent],
    seconds: Double, until done: ([FlowRecord], [ConntrackEvent]) -> Bool
  ) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline, !done(records, events) {
      records += try reader.poll(timeout: .milliseconds(100), onEvent: { events.append($0) })
    }
  }

  func waitListening(_ namespace: NetworkNamespace, _ filter: String) throws {
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline {
      let out = try namespace.run(["ss", "-lnH", filter], check: false).output
      if !out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return }
      usleep(20_000)  // polling a listener that has no event to await
    }
    Issue.record("nothing listening for \(filter)")
  }

  @Test(
    "dump at start, established/refused/unreplied flows with counters, UDP both ways",
    .enabled(if: PodNetworkLab.skipReason() == nil, "\(PodNetworkLab.skipReason() ?? "")")
  )
  func labFlows() throws {
    let lab = try PodNetworkLab(podNames: ["client", "web"])
    defer { lab.remove() }
    let client = try #require(lab.pod("client"))
    let web = try #require(lab.pod("web"))
    let node = lab.node.path

    #expect(try ConntrackAccounting.isEnabled(.accounting, namespacePath: node))
    try ConntrackAccounting.set(.accounting, false, namespacePath: node)
    #expect(try ConntrackAccounting.isEnabled(.accounting, namespacePath: node) == false)
    #expect(try ConntrackAccounting.enable(.accounting, namespacePath: node) == .turnedOn)
    #expect(try ConntrackAccounting.enable(.accounting, namespacePath: node) == .alreadyOn)
    let seen = try lab.node.run(["sysctl", "-n", "net.netfilter.nf_conntrack_acct"]).output
    #expect(seen.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    try ConntrackAccounting.enable(.timestamps, namespacePath: node)

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vigil-ct-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let bodySize = 12_345
    try Data(repeating: 0x61, count: bodySize).write(to: directory.appendingPathComponent("body"))

    let http = try web.namespace.start([
      "python3", "-m", "http.server", "8080", "--bind", web.ip, "--directory", directory.path,
    ])
    defer { Command.stop(http) }
    let listener = try lab.internet.start(["nc", "-l", "9000"])
    defer { Command.stop(listener) }
    let udpEcho = try web.namespace.start([
      "python3", "-c",
      "import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); "
        + "s.bind(('\(web.ip)', 5300)); d, a = s.recvfrom(100); s.sendto(d + b'!', a)",
    ])
    defer { Command.stop(udpEcho) }
    try waitListening(web.namespace, "sport = :8080")
    try waitListening(lab.internet, "sport = :9000")
    try waitListening(web.namespace, "sport = :5300")

    // A connection open before the agent starts (to the "internet"), seen only by the dump.
    let longLived = try client.namespace.start(["nc", "-d", PodNetworkLab.internetHost, "9000"])
    defer { Command.stop(longLived) }
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline {
      let out = try lab.node.run(["conntrack", "-L", "-p", "tcp", "--dport", "9000"], check: false)
      if out.output.contains("ESTABLISHED") { break }
      usleep(20_000)
    }

    let socket = try ConntrackSocket(configuration: .init(namespacePath: node))
    #expect(socket.receiveBufferBytes >= 1 << 20)
    let reader = ConntrackFlowReader(
      socket: socket, tracker: ConntrackFlowTracker(configuration: .init(node: "lab-node")))
    try reader.requestDump()
    var records: [FlowRecord] = []
    var events: [ConntrackEvent] = []
    try drain(reader, records: &records, events: &events, seconds: 3) { _, _ in
      reader.statistics.dumpsCompleted > 0
    }
    let listed = events.filter { $0.kind == .dump && $0.original.destinationPort == 9000 }
    #expect(listed.count == 1)
    #expect(listed.first?.tcpState == .established)
    #expect(listed.first?.original.source.text == client.ip)
    #expect(reader.tracker.openFlowCount >= 1)

    // Traffic made now, seen as events.
    let download = try client.namespace.run([
      "curl", "-s", "-o", "/dev/null", "-w", "%{size_download} %{size_header}",
      "http://\(web.ip):8080/body",
    ]).output.split(separator: " ").compactMap { Int($0) }
    #expect(download.first == bodySize)
    _ = try client.namespace.run(
      ["curl", "-s", "--max-time", "2", "http://\(web.ip):8081/"], check: false)
    _ = try client.namespace.run([
      "python3", "-c",
      "import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2); "
        + "s.sendto(b'ping', ('\(web.ip)', 5300)); print(s.recvfrom(100)[0]); "
        + "s.sendto(b'void', ('\(PodNetworkLab.internetHost)', 5999))",
    ])

    func tcp(_ port: UInt16) -> (FlowRecord) -> Bool {
      { $0.proto == 6 && $0.destinationPort == port }
    }
    try drain(reader, records: &records, events: &events, seconds: 5) { records, _ in
      records.contains(where: tcp(8080)) && records.contains(where: tcp(8081))
    }
    let web8080 = try #require(records.first(where: tcp(8080)))
    #expect(web8080.outcome == .established)
    #expect(web8080.sourceIP == client.ip && web8080.destinationIP == web.ip)
    #expect(web8080.node == "lab-node" && web8080.source == "conntrack")
    let bytesIn = try #require(web8080.bytesIn)
    let headerBytes = download.count > 1 ? download[1] : 0
    #expect(bytesIn >= UInt64(bodySize + headerBytes))
    #expect(bytesIn <= UInt64(bodySize + headerBytes + 1_500))
    #expect((web8080.bytesOut ?? 0) > 100 && (web8080.packetsOut ?? 0) >= 4)
    // The counters fetched at TIME_WAIT are what conntrack-tools reads for the same entry.
    let listing = try lab.node.run([
      "conntrack", "-L", "-p", "tcp", "--dport", "8080", "--sport", "\(web8080.sourcePort)",
    ]).output
    let bytes = listing.split(separator: " ").filter { $0.hasPrefix("bytes=") }.map {
      UInt64($0.dropFirst(6)) ?? 0
    }
    #expect(bytes == [web8080.bytesOut ?? 0, bytesIn])
    #expect(web8080.start <= web8080.end)

    let refused = try #require(records.first(where: tcp(8081)))
    #expect(refused.outcome == .refused)
    #expect(refused.packetsIn == 1)

    // UDP entries end by timeout (30 s+); delete them to get their DESTROY now.
    try lab.node.run(["conntrack", "-D", "-p", "udp"], check: false)
    try drain(reader, records: &records, events: &events, seconds: 5) { records, _ in
      records.filter { $0.proto == 17 }.count >= 2
    }
    let answered = try #require(records.first { $0.proto == 17 && $0.destinationPort == 5300 })
    #expect(answered.outcome == .established)
    #expect(answered.sourceIP == client.ip && answered.destinationIP == web.ip)
    #expect(answered.bytesOut == 32 && answered.bytesIn == 33)  // 20 IP + 8 UDP + payload
    let void = try #require(records.first { $0.proto == 17 && $0.destinationPort == 5999 })
    #expect(void.outcome == .unreplied)
    #expect(void.destinationIP == PodNetworkLab.internetHost)

    // Each flow once.
    let keys = records.map { "\($0.proto) \($0.sourceIP):\($0.sourcePort) \($0.destinationPort)" }
    #expect(Set(keys).count == keys.count)
    #expect(socket.kernelDrops == 0)
    #expect(reader.statistics.malformed == 0)
  }

  @Test(
    "without NEW events (kernel timestamps on) flows keep their outcome, counters and start",
    .enabled(if: PodNetworkLab.skipReason() == nil, "\(PodNetworkLab.skipReason() ?? "")")
  )
  func labFlowsWithoutNewEvents() throws {
    let setup = try ClientWebLab(timestamps: true)
    defer { setup.remove() }
    let (lab, client, web, node) = (setup.lab, setup.client, setup.web, setup.node)
    #expect(try ConntrackAccounting.isEnabled(.timestamps, namespacePath: node))
    let http = try web.namespace.start(["python3", "-m", "http.server", "8080", "--bind", web.ip])
    defer { Command.stop(http) }
    try waitListening(web.namespace, "sport = :8080")

    let socket = try ConntrackSocket(
      configuration: .init(namespacePath: node, events: [.update, .destroy]))
    let reader = ConntrackFlowReader(
      socket: socket, tracker: ConntrackFlowTracker(configuration: .init(node: "lab-node")))
    let before = Timestamp.now()
    // Five connections closed back to back: their counter GETs leave in one datagram.
    for _ in 0..<5 {
      _ = try client.namespace.run(["curl", "-s", "-o", "/dev/null", "http://\(web.ip):8080/"])
    }
    _ = try client.namespace.run(
      ["curl", "-s", "--max-time", "2", "http://\(web.ip):8081/"], check: false)
    let after = Timestamp.now()
    var records: [FlowRecord] = []
    var events: [ConntrackEvent] = []
    try drain(reader, records: &records, events: &events, seconds: 5) { records, _ in
      records.filter { $0.destinationPort == 8080 }.count >= 5
        && records.contains { $0.destinationPort == 8081 }
    }
    #expect(!events.contains { $0.kind == .new }, "NEW events were not asked for")
    let served = records.filter { $0.proto == 6 && $0.destinationPort == 8080 }
    #expect(served.count == 5)
    for record in served {
      #expect(record.outcome == .established)
      #expect((record.bytesIn ?? 0) > 100 && (record.bytesOut ?? 0) > 50)
      // The start is the kernel's (the SYN), not when the agent first heard of the entry.
      #expect(record.start >= before.adding(.milliseconds(-50)) && record.start < record.end)
      #expect(record.end <= after.adding(.seconds(2)))
    }
    let refused = try #require(records.first { $0.proto == 6 && $0.destinationPort == 8081 })
    #expect(refused.outcome == .refused)
    #expect(reader.statistics.failedRequests == 0 && reader.statistics.malformed == 0)
    #expect(reader.tracker.statistics.emittedWithoutCounters == 0)
  }

  @Test("a missing namespace is a clear socket error")
  func missingNamespace() {
    #expect(throws: ConntrackSocketError.self) {
      _ = try ConntrackSocket(configuration: .init(namespacePath: "/var/run/netns/vigil-none"))
    }
    #expect(throws: ConntrackAccounting.Failure.self) {
      try ConntrackAccounting.isEnabled(.accounting, namespacePath: "/var/run/netns/vigil-none")
    }
  }
}
