import Foundation
import Testing
import VigilCore
import VigilTesting

@testable import VigilNet

#if canImport(Glibc)
  import Glibc
#endif

/// Runs classic BPF on a netlink datagram as the kernel does (out-of-bounds loads return 0 and
/// drop), and reports what it could not run: an unknown opcode, a read of scratch memory never
/// written, a jump out of the program, or any out-of-bounds load (which the filter must guard).
struct NetlinkBPFInterpreter {
  typealias Op = ConntrackEventFilter.Opcode

  /// One run.
  struct Run {
    /// What the program returned (0 drops), nil when it could not run.
    var verdict: UInt32?
    /// True when a load went past the datagram (the kernel then returns 0).
    var outOfBounds = false
    /// Instructions executed.
    var steps = 0
  }

  let program: [BPFInstruction]

  func run(_ packet: [UInt8]) -> Run {
    var out = Run()
    var a: UInt32 = 0
    var x: UInt32 = 0
    var memory = [UInt32?](repeating: nil, count: 16)
    var pc = 0
    func load(_ offset: UInt64, _ size: UInt64) -> UInt32? {
      guard offset + size <= UInt64(packet.count) else { return nil }
      return (Int(offset)..<Int(offset + size)).reduce(0) { $0 << 8 | UInt32(packet[$1]) }
    }
    while pc < program.count {
      let i = program[pc]
      pc += 1
      out.steps += 1
      let k = i.k
      switch i.code {
      case Op.loadConstant: a = k
      case Op.loadLength: a = UInt32(packet.count)
      case Op.loadWordAbsolute, Op.loadHalfAbsolute, Op.loadByteAbsolute, Op.loadByteIndirect:
        let size: UInt64 =
          i.code == Op.loadWordAbsolute ? 4 : i.code == Op.loadHalfAbsolute ? 2 : 1
        let base = UInt64(k) + (i.code == Op.loadByteIndirect ? UInt64(x) : 0)
        guard let value = load(base, size) else {
          out.outOfBounds = true
          out.verdict = 0
          return out
        }
        a = value
      case Op.loadMemory, Op.loadXMemory:
        guard k < 16, let value = memory[Int(k)] else { return out }
        if i.code == Op.loadMemory { a = value } else { x = value }
      case Op.store, Op.storeX:
        guard k < 16 else { return out }
        memory[Int(k)] = i.code == Op.store ? a : x
      case Op.addConstant: a &+= k
      case Op.addX: a &+= x
      case Op.andConstant: a &= k
      case Op.shiftLeftConstant: a = k < 32 ? a << k : 0
      case Op.moveAToX: x = a
      case Op.moveXToA: a = x
      case Op.jumpIfEqual: pc += Int(a == k ? i.jumpTrue : i.jumpFalse)
      case Op.jumpIfAtLeast: pc += Int(a >= k ? i.jumpTrue : i.jumpFalse)
      case Op.jumpIfAboveX: pc += Int(a > x ? i.jumpTrue : i.jumpFalse)
      case Op.jumpIfAtLeastX: pc += Int(a >= x ? i.jumpTrue : i.jumpFalse)
      case Op.jumpIfAnySet: pc += Int(a & k != 0 ? i.jumpTrue : i.jumpFalse)
      case Op.jumpAlways: pc += Int(k)
      case Op.returnConstant:
        out.verdict = k
        return out
      default: return out
      }
    }
    return out
  }

  /// The kernel's static checks (`bpf_check_classic`, `check_load_and_stores`): a known opcode,
  /// jumps inside the program, a return at the end, scratch memory written before any read on
  /// every path. Returns the first problem found.
  func kernelCheckProblem() -> String? {
    guard (1...4096).contains(program.count) else { return "length \(program.count)" }
    let jumps: Set<UInt16> = [
      Op.jumpIfEqual, Op.jumpIfAtLeast, Op.jumpIfAboveX, Op.jumpIfAtLeastX, Op.jumpIfAnySet,
    ]
    var masks = [UInt16](repeating: 0xFFFF, count: program.count)
    var valid: UInt16 = 0
    for (pc, i) in program.enumerated() {
      valid &= masks[pc]
      switch i.code {
      case Op.store, Op.storeX:
        guard i.k < 16 else { return "store to M[\(i.k)] at \(pc)" }
        valid |= 1 << i.k
      case Op.loadMemory, Op.loadXMemory:
        guard i.k < 16, valid & (1 << i.k) != 0 else { return "read of M[\(i.k)] at \(pc)" }
      case Op.jumpAlways:
        let target = pc + 1 + Int(i.k)
        guard target < program.count else { return "jump out at \(pc)" }
        masks[target] &= valid
        valid = 0xFFFF
      case let code where jumps.contains(code):
        let t = pc + 1 + Int(i.jumpTrue)
        let f = pc + 1 + Int(i.jumpFalse)
        guard t < program.count, f < program.count else { return "jump out at \(pc)" }
        masks[t] &= valid
        masks[f] &= valid
        valid = 0xFFFF
      case Op.loadConstant, Op.loadLength, Op.loadWordAbsolute, Op.loadHalfAbsolute,
        Op.loadByteAbsolute, Op.loadByteIndirect, Op.addConstant, Op.addX, Op.andConstant,
        Op.shiftLeftConstant, Op.moveAToX, Op.moveXToA, Op.returnConstant:
        break
      default:
        return "unknown opcode \(i.code) at \(pc)"
      }
    }
    guard program.last?.code == Op.returnConstant else { return "no return at the end" }
    return nil
  }
}

@Suite("ConntrackEventFilter", .serialized)
struct ConntrackEventFilterTests {
  let accept = ConntrackEventFilter.acceptLength

  /// What the tracker needs from `bytes` (one message), from the user-space decoder's reading:
  /// everything except UPDATEs of non-TCP entries and of TCP entries in a state not kept.
  static func needed(_ bytes: [UInt8], keeping states: Set<ConntrackTCPState>) -> Bool {
    guard case .event(let event) = ConntrackDecoder().decode(bytes).first, event.kind == .update
    else { return true }
    guard event.original.proto == 6 else { return false }
    guard let state = event.tcpState else { return true }
    return states.contains(state)
  }

  static var captured: [[UInt8]] {
    (ConntrackCapture.events + ConntrackCapture.dump).map(ConntrackCapture.bytes)
  }

  /// `message` with its sequence number and flags replaced.
  static func with(_ message: [UInt8], sequence: UInt32? = nil, flags: UInt16? = nil) -> [UInt8] {
    var out = message
    if let flags {
      out.replaceSubrange(6..<8, with: withUnsafeBytes(of: flags.littleEndian, Array.init))
    }
    if let sequence {
      out.replaceSubrange(8..<12, with: withUnsafeBytes(of: sequence.littleEndian, Array.init))
    }
    return out
  }

  /// The offset of the first top-level attribute of `type` in a one-message datagram.
  static func attributeOffset(_ message: [UInt8], type: UInt16) -> Int? {
    var offset = 20
    while offset + 4 <= message.count {
      let length = Int(message[offset]) | Int(message[offset + 1]) << 8
      let found = (UInt16(message[offset + 2]) | UInt16(message[offset + 3]) << 8) & 0x3FFF
      if found == type { return offset }
      guard length >= 4 else { return nil }
      offset += (length + 3) & ~3
    }
    return nil
  }

  @Test("the program is built, small, and passes the kernel's static checks")
  func programShape() throws {
    let built = try #require(
      ConntrackEventFilter.build(keeping: ConntrackEventFilter.defaultTCPStates))
    #expect(built == ConntrackEventFilter.updates)
    #expect(built.count > 100 && built.count < 1_500)
    #expect(NetlinkBPFInterpreter(program: built).kernelCheckProblem() == nil)
    for states: Set<ConntrackTCPState> in [
      [], Set(ConntrackTCPState.allCases), [.timeWait, .close],
    ] {
      let program = try #require(ConntrackEventFilter.build(keeping: states))
      #expect(NetlinkBPFInterpreter(program: program).kernelCheckProblem() == nil)
    }
  }

  @Test("captured kernel messages: NEW, DESTROY, dumps pass; updates only in kept TCP states")
  func capturedMessages() throws {
    let decoder = ConntrackDecoder()
    for states: Set<ConntrackTCPState> in [
      ConntrackEventFilter.defaultTCPStates, [.timeWait, .close], [],
      Set(ConntrackTCPState.allCases),
    ] {
      let filter = NetlinkBPFInterpreter(program: ConntrackEventFilter.program(keeping: states))
      var dropped: [ConntrackEvent.Kind: Int] = [:]
      var passed: [ConntrackEvent.Kind: Int] = [:]
      for message in Self.captured {
        let run = filter.run(message)
        #expect(!run.outOfBounds)
        #expect(run.steps < 450)
        let verdict = try #require(run.verdict)
        #expect(verdict == (Self.needed(message, keeping: states) ? accept : 0))
        for case .event(let event) in decoder.decode(message) {
          if verdict == 0 {
            dropped[event.kind, default: 0] += 1
          } else {
            passed[event.kind, default: 0] += 1
          }
        }
      }
      // The capture has TCP updates in SYN_RECV … TIME_WAIT, a UDP update, NEW, DESTROY, a dump.
      #expect(dropped[.new] == nil && dropped[.destroy] == nil && dropped[.dump] == nil)
      #expect((passed[.new] ?? 0) >= 4 && (passed[.destroy] ?? 0) >= 2 && (passed[.dump] ?? 0) >= 3)
      #expect((dropped[.update] ?? 0) >= (states.count == ConntrackTCPState.allCases.count ? 1 : 3))
      if states.contains(.timeWait) { #expect((passed[.update] ?? 0) >= 2) }
      if states.isEmpty { #expect(passed[.update] == nil) }
    }
  }

  @Test("get replies, errors, DONE and NEW-flagged messages always pass")
  func nonEventsPass() throws {
    let filter = NetlinkBPFInterpreter(program: ConntrackEventFilter.program(keeping: []))
    let updates = Self.captured.filter {
      if case .event(let event) = ConntrackDecoder().decode($0).first {
        return event.kind == .update
      }
      return false
    }
    let update = try #require(updates.first)
    #expect(filter.run(update).verdict == 0)
    #expect(filter.run(Self.with(update, sequence: 42)).verdict == accept)  // a get reply
    #expect(filter.run(Self.with(update, flags: 0x0002)).verdict == accept)  // NLM_F_MULTI
    #expect(filter.run(Self.with(update, flags: 0x0600)).verdict == accept)  // CREATE|EXCL
    var destroy = update
    destroy[4] = UInt8(ConntrackWire.messageDelete)
    #expect(filter.run(destroy).verdict == accept)
    let done = ConntrackCapture.bytes("140000000300020007000000110048e900000000")
    #expect(filter.run(done).verdict == accept)
    let error = ConntrackCapture.bytes(
      "24000000020000000900000000000000feffffff1c0000000101050009000000110048e9")
    #expect(filter.run(error).verdict == accept)
    // A header alone, a truncated update, an update claiming more bytes than it has.
    #expect(filter.run(Array(update.prefix(16))).verdict == accept)
    #expect(filter.run(Array(update.prefix(60))).verdict == accept)
    // A TCP update without CTA_PROTOINFO (the last attribute of the captured ones) passes.
    let tcpUpdate = try #require(
      updates.last {
        ConntrackDecoder().decode($0).first.map { m in
          if case .event(let e) = m { return e.original.proto == 6 && e.tcpState != nil }
          return false
        } ?? false
      })
    let protoinfoAt = try #require(Self.attributeOffset(tcpUpdate, type: 4))
    var bare = Array(tcpUpdate.prefix(protoinfoAt))
    bare.replaceSubrange(
      0..<4, with: withUnsafeBytes(of: UInt32(bare.count).littleEndian, Array.init))
    guard case .event(let stripped) = ConntrackDecoder().decode(bare).first else {
      Issue.record("stripped update does not decode")
      return
    }
    #expect(stripped.kind == .update && stripped.tcpState == nil)
    #expect(filter.run(bare).verdict == accept)
    var long = update
    long[1] &+= 1
    #expect(filter.run(long).verdict == accept)
  }

  @Test("20 000 mutated messages: no unguarded load, and a drop is always an update")
  func fuzz() {
    var random = ConntrackFuzzTests.Generator(state: 0x5EED_F11E)
    let filter = NetlinkBPFInterpreter(program: ConntrackEventFilter.updates)
    let corpus = Self.captured
    var drops = 0
    var mismatches = 0
    for iteration in 0..<20_000 {
      var bytes = corpus[Int.random(in: 0..<corpus.count, using: &random)]
      if iteration % 5 == 0 {
        bytes = (0..<Int.random(in: 0..<300, using: &random)).map { _ in
          UInt8.random(in: 0...255, using: &random)
        }
        bytes.replaceSubrange(
          0..<min(8, bytes.count), with: [200, 0, 0, 0, 0, 1, 0, 0].prefix(bytes.count))
      }
      for _ in 0..<Int.random(in: 1...6, using: &random) where !bytes.isEmpty {
        let at = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<4, using: &random) {
        case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
        case 1: bytes[at] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case 2:
          bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &random)))
        default: bytes[at] = [0, 1, 3, 4, 5, 0xFF, 0x80][Int.random(in: 0..<7, using: &random)]
        }
      }
      let run = filter.run(bytes)
      #expect(!run.outOfBounds && run.verdict != nil, "iteration \(iteration)")
      guard run.verdict == 0 else { continue }
      drops += 1
      switch ConntrackDecoder().decode(bytes).first {
      case .event(let event):
        #expect(event.kind == .update, "iteration \(iteration)")
        // A state byte mutated to no known state decodes as nil: dropping that is fine.
        let unknownState = event.original.proto == 6 && event.tcpState == nil
        if !unknownState, Self.needed(bytes, keeping: ConntrackEventFilter.defaultTCPStates) {
          mismatches += 1
        }
      case .malformed: break
      default: Issue.record("iteration \(iteration): dropped a non-event")
      }
    }
    #expect(drops > 1_000)
    // Only a corrupt message where the decoder reads a later duplicate attribute (the filter
    // reads the first) may differ.
    #expect(mismatches <= drops / 500)
  }

  #if canImport(Glibc)
    /// One socket and tracker in the lab, and what it read.
    final class Watch {
      let reader: ConntrackFlowReader
      var records: [FlowRecord] = []
      var events: [ConntrackEvent] = []

      init(
        filterUpdates: Bool, node: String, keeping states: Set<ConntrackTCPState>? = nil,
        events: Set<ConntrackEvent.Kind> = [.new, .update, .destroy],
        dropEmittedDestroys: Bool = false
      ) throws {
        let socket = try ConntrackSocket(
          configuration: .init(
            namespacePath: node, events: events, filterUpdates: filterUpdates,
            dropEmittedDestroys: dropEmittedDestroys))
        if let states {
          #expect(
            ConntrackEventFilter.attach(
              ConntrackEventFilter.program(keeping: states), to: socket.descriptor) == 0)
        }
        reader = ConntrackFlowReader(
          socket: socket, tracker: ConntrackFlowTracker(configuration: .init(node: "lab-node")))
      }

      /// Records without times (each tracker stamps its own).
      var outcomes: [String] {
        records.map {
          "\($0.proto) \($0.sourceIP):\($0.sourcePort)>\($0.destinationIP):\($0.destinationPort) "
            + "\($0.outcome) \($0.bytesOut ?? 0)/\($0.bytesIn ?? 0) "
            + "\($0.packetsOut ?? 0)/\($0.packetsIn ?? 0)"
        }.sorted()
      }

      /// Messages (events and get replies) about TCP connections to `port`, per connection.
      func messagesPerConnection(port: UInt16) -> Double {
        let about = events.filter { $0.original.proto == 6 && $0.original.destinationPort == port }
        let connections = Set(about.map(\.original.sourcePort)).count
        return connections == 0 ? 0 : Double(about.count) / Double(connections)
      }

      func record(port: UInt16) -> FlowRecord? { records.first { $0.destinationPort == port } }
    }

    static func drain(_ watches: [Watch], seconds: Double, until done: () -> Bool) throws {
      let deadline = Date().addingTimeInterval(seconds)
      while Date() < deadline, !done() {
        for watch in watches {
          watch.records += try watch.reader.poll(
            timeout: .milliseconds(20), onEvent: { watch.events.append($0) })
        }
      }
    }

    /// A UDP server on `pod`'s port 5300 that answers one datagram with it plus `!`.
    static func startUDPEcho(in pod: PodNetworkLab.Pod) throws -> Process {
      try pod.namespace.start([
        "python3", "-c",
        "import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); "
          + "s.bind(('\(pod.ip)', 5300)); d, a = s.recvfrom(100); s.sendto(d + b'!', a)",
      ])
    }

    /// A TCP server on `pod`'s `port` that accepts one connection, reads (`untilFIN`: until the
    /// client's FIN, else one read) and closes with SO_LINGER 0, a reset.
    static func startResettingServer(in pod: PodNetworkLab.Pod, port: Int, untilFIN: Bool) throws
      -> Process
    {
      let read =
        untilFIN
        ? "c, _ = s.accept()\nwhile c.recv(100): pass\n" : "c, _ = s.accept(); c.recv(100)\n"
      return try pod.namespace.start([
        "python3", "-c",
        "import socket, struct; s = socket.socket(); "
          + "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('\(pod.ip)', \(port))); "
          + "s.listen(1); " + read
          + "c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0)); c.close()",
      ])
    }

    static func waitListening(_ namespace: NetworkNamespace, _ filter: String) throws {
      let deadline = Date().addingTimeInterval(5)
      while Date() < deadline {
        let out = try namespace.run(["ss", "-lnH", filter], check: false).output
        if !out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return }
        usleep(20_000)  // polling a listener that has no event to await
      }
      Issue.record("nothing listening for \(filter)")
    }

    @Test(
      "lab: the filtered socket reads fewer messages and its tracker makes the same records",
      .enabled(if: PodNetworkLab.skipReason() == nil, "\(PodNetworkLab.skipReason() ?? "")")
    )
    func labFilteredMatchesUnfiltered() throws {
      let setup = try ClientWebLab(timestamps: false)
      defer { setup.remove() }
      let (lab, client, web, node) = (setup.lab, setup.client, setup.web, setup.node)

      let http = try web.namespace.start(["python3", "-m", "http.server", "8080", "--bind", web.ip])
      defer { Command.stop(http) }
      // Reads until the client's FIN, then closes with SO_LINGER 0: a RST after a FIN.
      let finThenReset = try Self.startResettingServer(in: web, port: 8082, untilFIN: true)
      defer { Command.stop(finThenReset) }
      let udpEcho = try Self.startUDPEcho(in: web)
      defer { Command.stop(udpEcho) }
      try Self.waitListening(web.namespace, "sport = :8080")
      try Self.waitListening(web.namespace, "sport = :8082")
      try Self.waitListening(web.namespace, "sport = :5300")

      let unfiltered = try Watch(filterUpdates: false, node: node)
      let filtered = try Watch(filterUpdates: true, node: node)
      let wider = try Watch(
        filterUpdates: false, node: node, keeping: [.finWait, .timeWait, .close])
      let watches = [unfiltered, filtered, wider]
      #expect(filtered.reader.socket.isFiltered && filtered.reader.socket.filterError == 0)
      #expect(!unfiltered.reader.socket.isFiltered)

      let connections = 5
      for _ in 0..<connections {
        _ = try client.namespace.run(["curl", "-s", "-o", "/dev/null", "http://\(web.ip):8080/"])
      }
      _ = try client.namespace.run(
        ["curl", "-s", "--max-time", "2", "http://\(web.ip):8081/"], check: false)
      _ = try client.namespace.run([
        "python3", "-c",
        "import socket; c = socket.create_connection(('\(web.ip)', 8082), timeout=2); "
          + "c.sendall(b'x'); c.shutdown(socket.SHUT_WR)\ntry: c.recv(100)\nexcept OSError: pass",
      ])
      _ = try client.namespace.run([
        "python3", "-c",
        "import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2); "
          + "s.sendto(b'ping', ('\(web.ip)', 5300)); s.recvfrom(100)",
      ])
      try lab.node.run(["conntrack", "-D", "-p", "udp"], check: false)
      let expected = connections + 3
      try Self.drain(watches, seconds: 8) {
        watches.allSatisfy { $0.records.count >= expected }
      }
      // DESTROY the TIME_WAIT and CLOSE entries now (else 120 s): counted, absorbed.
      try lab.node.run(["conntrack", "-D", "-p", "tcp"], check: false)
      try Self.drain(watches, seconds: 3) {
        watches.allSatisfy { watch in
          watch.events.filter { $0.kind == .destroy && $0.original.proto == 6 }.count
            >= connections + 2
        }
      }

      for watch in watches {
        #expect(watch.records.count == expected)
        #expect(watch.reader.socket.kernelDrops == 0 && watch.reader.statistics.malformed == 0)
      }
      #expect(filtered.outcomes == unfiltered.outcomes)
      #expect(unfiltered.record(port: 8080)?.outcome == .established)
      #expect(unfiltered.record(port: 8081)?.outcome == .refused)
      #expect(unfiltered.record(port: 8082)?.outcome == .established)
      #expect(unfiltered.record(port: 5300)?.outcome == .established)
      #expect((unfiltered.record(port: 8080)?.bytesIn ?? 0) > 100)
      // A FIN then a RST still reads as established without the FIN_WAIT update: the CLOSE
      // update's TCP flags say a FIN was sent.
      #expect(filtered.record(port: 8082)?.outcome == .established)
      #expect(wider.outcomes == unfiltered.outcomes)

      let full = unfiltered.messagesPerConnection(port: 8080)
      let kept = filtered.messagesPerConnection(port: 8080)
      let least = wider.messagesPerConnection(port: 8080)
      #expect(kept < least && least < full)
      let udpUpdates = { (watch: Watch) in
        watch.events.filter { $0.kind == .update && $0.original.proto == 17 }.count
      }
      #expect(udpUpdates(unfiltered) >= 1 && udpUpdates(filtered) == 0)
      print(
        "ConntrackEventFilter lab: messages per TCP connection (NEW…DESTROY, get reply) "
          + "unfiltered \(full), filtered \(kept), with FIN_WAIT too \(least); "
          + "all messages \(unfiltered.events.count) / \(filtered.events.count) / "
          + "\(wider.events.count)"
      )
    }

    @Test("the kernel accepts the program on a NETLINK_NETFILTER socket")
    func kernelAccepts() throws {
      let fd = socket(AF_NETLINK, Int32(SOCK_RAW.rawValue), 12)  // NETLINK_NETFILTER
      try #require(fd >= 0)
      defer { close(fd) }
      #expect(ConntrackEventFilter.attach(ConntrackEventFilter.updates, to: fd) == 0)
      #expect(ConntrackEventFilter.attach([], to: fd) == EINVAL)
    }
  #endif
}
