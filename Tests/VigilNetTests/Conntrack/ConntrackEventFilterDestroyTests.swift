import Foundation
import Testing
import VigilCore
import VigilTesting

@testable import VigilNet

#if canImport(Glibc)
  import Glibc
#endif

@Suite("ConntrackEventFilter DESTROY", .serialized)
struct ConntrackEventFilterDestroyTests {
  let accept = ConntrackEventFilter.acceptLength
  let filter = NetlinkBPFInterpreter(program: ConntrackEventFilter.updatesAndEmittedDestroys)
  let updatesOnly = NetlinkBPFInterpreter(program: ConntrackEventFilter.updates)

  /// What the filter run on `message` returned (nil: it could not run, or loaded out of bounds).
  func verdict(_ program: NetlinkBPFInterpreter, _ message: [UInt8]) -> UInt32? {
    let run = program.run(message)
    return run.outOfBounds ? nil : run.verdict
  }

  @Test("the program is built, passes the kernel's static checks, and differs from updates")
  func programShape() throws {
    let built = try #require(
      ConntrackEventFilter.build(
        keeping: ConntrackEventFilter.defaultTCPStates,
        droppingDestroyed: ConntrackEventFilter.emittedDestroyStates))
    #expect(built == ConntrackEventFilter.updatesAndEmittedDestroys)
    #expect(built != ConntrackEventFilter.updates)
    #expect(built.count < 2_500)
    #expect(filter.kernelCheckProblem() == nil)
    let both = try #require(
      ConntrackEventFilter.build(
        keeping: [.timeWait, .close], droppingDestroyed: [.timeWait, .close]))
    #expect(NetlinkBPFInterpreter(program: both).kernelCheckProblem() == nil)
  }

  @Test("captured DESTROYs: TIME_WAIT dropped; refused, reset and UDP pass; updates as before")
  func capturedDestroys() throws {
    let decoder = ConntrackDecoder()
    let timeWait = ConntrackDestroyCapture.timeWaitDestroy
    guard case .event(let event) = decoder.decode(timeWait).first else {
      Issue.record("the TIME_WAIT DESTROY does not decode")
      return
    }
    // The kernel puts the TCP state in the DESTROY: what the rule reads.
    #expect(event.kind == .destroy && event.tcpState == .timeWait && event.original.proto == 6)
    #expect(event.originalCounters != nil)
    #expect(verdict(filter, timeWait) == 0)
    #expect(verdict(updatesOnly, timeWait) == accept)
    // Killed early (a new connection on its tuple): it has CTA_TIMEOUT, and passes.
    let reopened = ConntrackDestroyCapture.reopenedTimeWaitDestroy
    guard case .event(let early) = decoder.decode(reopened).first else {
      Issue.record("the reopened TIME_WAIT DESTROY does not decode")
      return
    }
    #expect(early.kind == .destroy && early.tcpState == .timeWait && early.timeout == 29)
    #expect(event.timeout == nil)
    #expect(verdict(filter, reopened) == accept)
    for message in [ConntrackDestroyCapture.refusedDestroy, ConntrackDestroyCapture.resetDestroy] {
      guard case .event(let closed) = decoder.decode(message).first else {
        Issue.record("a CLOSE DESTROY does not decode")
        continue
      }
      #expect(closed.kind == .destroy && closed.tcpState == .close)
      #expect(verdict(filter, message) == accept)
    }
    // The UPDATEs the tracker emits at pass; the NEW passes.
    #expect(verdict(filter, ConntrackDestroyCapture.timeWaitUpdate) == accept)
    #expect(verdict(filter, ConntrackDestroyCapture.resetCloseUpdate) == accept)
    #expect(verdict(filter, ConntrackDestroyCapture.refusedNew) == accept)
    // The earlier capture (no TIME_WAIT DESTROY in it: a refused TCP one and a UDP one): every
    // message gets the verdict it gets from `updates`.
    var destroys = 0
    for message in ConntrackEventFilterTests.captured {
      #expect(verdict(filter, message) == verdict(updatesOnly, message))
      for case .event(let event) in decoder.decode(message) where event.kind == .destroy {
        destroys += 1
      }
    }
    #expect(destroys >= 2)
  }

  @Test("a TIME_WAIT DESTROY with a sequence number or flags (not an event) passes")
  func nonEventsPass() {
    let timeWait = ConntrackDestroyCapture.timeWaitDestroy
    #expect(verdict(filter, ConntrackEventFilterTests.with(timeWait, sequence: 9)) == accept)
    #expect(verdict(filter, ConntrackEventFilterTests.with(timeWait, flags: 0x0002)) == accept)
    // Truncated, or claiming more bytes than it has.
    #expect(verdict(filter, Array(timeWait.prefix(60))) == accept)
    var long = timeWait
    long[1] &+= 1
    #expect(verdict(filter, long) == accept)
    // Without its CTA_PROTOINFO (the state unknown): passes.
    if let at = ConntrackEventFilterTests.attributeOffset(timeWait, type: 4) {
      var bare = Array(timeWait.prefix(at))
      bare.replaceSubrange(
        0..<4, with: withUnsafeBytes(of: UInt32(bare.count).littleEndian, Array.init))
      #expect(verdict(filter, bare) == accept)
    } else {
      Issue.record("no CTA_PROTOINFO in the TIME_WAIT DESTROY")
    }
    // The same DESTROY in another state passes.
    for state: ConntrackTCPState in [.established, .close, .finWait, .lastAck] {
      #expect(verdict(filter, Self.withState(timeWait, state)) == accept)
    }
    // The reopened one in CLOSE passes; with its CTA_TIMEOUT renamed (CTA_MARK) it is dropped.
    let reopened = ConntrackDestroyCapture.reopenedTimeWaitDestroy
    #expect(verdict(filter, Self.withState(reopened, .close)) == accept)
    if let at = ConntrackEventFilterTests.attributeOffset(reopened, type: 7) {
      var renamed = reopened
      renamed[at + 2] = UInt8(ConntrackWire.mark)
      #expect(verdict(filter, renamed) == 0)
      // Its nested or byte-order flag bits do not hide it: still CTA_TIMEOUT, passes.
      var flagged = reopened
      flagged[at + 3] |= 0x40
      #expect(verdict(filter, flagged) == accept)
    } else {
      Issue.record("no CTA_TIMEOUT in the reopened TIME_WAIT DESTROY")
    }
  }

  @Test("20 000 mutated messages: no unguarded load; a drop is an update or a TIME_WAIT DESTROY")
  func fuzz() {
    var random = ConntrackFuzzTests.Generator(state: 0xDE57_0E11)
    let corpus =
      ConntrackEventFilterTests.captured + [
        ConntrackDestroyCapture.timeWaitDestroy, ConntrackDestroyCapture.refusedDestroy,
        ConntrackDestroyCapture.resetDestroy, ConntrackDestroyCapture.timeWaitUpdate,
        ConntrackDestroyCapture.reopenedTimeWaitDestroy,
      ]
    var destroyDrops = 0
    var wrongDestroyDrops = 0
    for iteration in 0..<20_000 {
      var bytes = corpus[Int.random(in: 0..<corpus.count, using: &random)]
      for _ in 0..<Int.random(in: 1...6, using: &random) where !bytes.isEmpty {
        let at = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
        case 1: bytes[at] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        default:
          bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &random)))
        }
      }
      let run = filter.run(bytes)
      #expect(!run.outOfBounds && run.verdict != nil, "iteration \(iteration)")
      guard run.verdict == 0 else { continue }
      switch ConntrackDecoder().decode(bytes).first {
      case .event(let event):
        #expect(event.kind == .update || event.kind == .destroy, "iteration \(iteration)")
        if event.kind == .destroy {
          destroyDrops += 1
          // Only a corrupt message where the decoder reads a later duplicate attribute may
          // differ from what the rule means.
          if event.original.proto != 6 || event.tcpState != .timeWait || event.timeout != nil {
            wrongDestroyDrops += 1
          }
        }
      case .malformed: break
      default: Issue.record("iteration \(iteration): dropped a non-event")
      }
    }
    #expect(destroyDrops >= 50)
    #expect(wrongDestroyDrops <= destroyDrops / 100)
  }

  /// `message` with its TCP state byte (the first CTA_PROTOINFO_TCP_STATE) set to `state`.
  static func withState(_ message: [UInt8], _ state: ConntrackTCPState) -> [UInt8] {
    guard let at = ConntrackEventFilterTests.attributeOffset(message, type: 4) else {
      return message
    }
    var out = message
    // CTA_PROTOINFO (4 bytes) → CTA_PROTOINFO_TCP (4) → CTA_PROTOINFO_TCP_STATE (4) → the byte.
    out[at + 12] = state.rawValue
    return out
  }

  #if canImport(Glibc)
    typealias Watch = ConntrackEventFilterTests.Watch

    @Test("the kernel accepts the program; the socket switches it off and on again")
    func kernelAccepts() throws {
      let socket = try ConntrackSocket(
        configuration: .init(events: [.update, .destroy], dropEmittedDestroys: true))
      #expect(socket.isFiltered && socket.canDropEmittedDestroys && socket.dropsEmittedDestroys)
      #expect(socket.destroyFilterError == 0 && socket.filterError == 0)
      #expect(socket.dropEmittedDestroys(false) == 0 && !socket.dropsEmittedDestroys)
      #expect(socket.dropEmittedDestroys(true) == 0 && socket.dropsEmittedDestroys)
      // Not asked for, or no UPDATE group: never dropped.
      let plain = try ConntrackSocket(configuration: .init(events: [.update, .destroy]))
      #expect(plain.isFiltered && !plain.canDropEmittedDestroys)
      #expect(plain.dropEmittedDestroys(true) == 0 && !plain.dropsEmittedDestroys)
      let destroysOnly = try ConntrackSocket(
        configuration: .init(events: [.new, .destroy], dropEmittedDestroys: true))
      #expect(!destroysOnly.isFiltered && !destroysOnly.canDropEmittedDestroys)
    }

    @Test(
      "lab: without TIME_WAIT DESTROYs the records are the same and no per-connection state stays",
      .enabled(if: PodNetworkLab.skipReason() == nil, "\(PodNetworkLab.skipReason() ?? "")")
    )
    func labSameRecords() throws {
      let setup = try ClientWebLab(timestamps: true)
      defer { setup.remove() }
      let (lab, client, web, node) = (setup.lab, setup.client, setup.web, setup.node)
      try lab.node.run(
        ["sysctl", "-q", "-w", "net.netfilter.nf_conntrack_tcp_timeout_time_wait=3"])

      let http = try web.namespace.start(["python3", "-m", "http.server", "8080", "--bind", web.ip])
      defer { Command.stop(http) }
      // Closes with SO_LINGER 0 after the request: a reset connection (CLOSE, then DESTROY).
      let resetting = try ConntrackEventFilterTests.startResettingServer(
        in: web, port: 8082, untilFIN: false)
      defer { Command.stop(resetting) }
      let udpEcho = try ConntrackEventFilterTests.startUDPEcho(in: web)
      defer { Command.stop(udpEcho) }
      try ConntrackEventFilterTests.waitListening(web.namespace, "sport = :8080")
      try ConntrackEventFilterTests.waitListening(web.namespace, "sport = :8082")
      try ConntrackEventFilterTests.waitListening(web.namespace, "sport = :5300")

      // As the agent reads: no NEW events (kernel timestamps on), TIME_WAIT DESTROYs dropped.
      let every = try Watch(filterUpdates: true, node: node)
      let lean = try Watch(
        filterUpdates: true, node: node, events: [.update, .destroy], dropEmittedDestroys: true)
      let watches = [every, lean]
      #expect(lean.reader.socket.dropsEmittedDestroys && !every.reader.socket.dropsEmittedDestroys)

      // Five from fresh ports, then three from one client port: each reopens the entry of the
      // one before in TIME_WAIT (the kernel kills it early: a DESTROY with CTA_TIMEOUT, which
      // passes), and the new entry gets the old one's id. The watches read as they go, as the
      // agent does (a counter request after the entry timed out gets nothing).
      let fresh = 5
      let samePort = 3
      let connections = fresh + samePort
      for _ in 0..<fresh {
        try client.run(["curl", "-s", "-o", "/dev/null", "http://\(web.ip):8080/"], watches)
      }
      try client.run(
        [
          "python3", "-c",
          "import socket, time\nfor _ in range(\(samePort)):\n"
            + " c = socket.socket(); c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
            + " c.bind(('\(client.ip)', 45001)); c.connect(('\(web.ip)', 8080))\n"
            + " c.sendall(b'GET / HTTP/1.0\\r\\n\\r\\n')\n"
            + " while c.recv(4096): pass\n"
            + " c.close(); time.sleep(0.2)",
        ], watches)
      try client.run(["curl", "-s", "--max-time", "2", "http://\(web.ip):8081/"], watches)
      try client.run(
        [
          "python3", "-c",
          "import socket; c = socket.create_connection(('\(web.ip)', 8082), timeout=2); "
            + "c.sendall(b'x')\ntry: c.recv(100)\nexcept OSError: pass",
        ], watches)
      try client.run(
        [
          "python3", "-c",
          "import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2); "
            + "s.sendto(b'ping', ('\(web.ip)', 5300)); s.recvfrom(100)",
        ], watches)
      try lab.node.run(["conntrack", "-D", "-p", "udp"], check: false)
      let expected = connections + 3
      try ConntrackEventFilterTests.drain(watches, seconds: 8) {
        watches.allSatisfy { $0.records.count >= expected }
      }
      // The TIME_WAIT entries time out (3 s); listing the table removes expired entries at
      // once (DESTROYs without CTA_TIMEOUT). Then the reset one (CLOSE, 10 s) is deleted.
      let tcpDestroys = { (watch: Watch) in
        watch.events.filter { $0.kind == .destroy && $0.original.proto == 6 }
      }
      let timeWaitDestroys = { (watch: Watch) in
        tcpDestroys(watch).filter { $0.tcpState == .timeWait }
      }
      try Self.expireTimeWait(lab, watches: watches) {
        timeWaitDestroys(every).count >= connections
      }
      try lab.node.run(["conntrack", "-D", "-p", "tcp"], check: false)
      try ConntrackEventFilterTests.drain(watches, seconds: 3) {
        tcpDestroys(every).count >= connections + 2
      }
      try ConntrackEventFilterTests.drain(watches, seconds: 0.3) { false }

      for watch in watches {
        #expect(watch.records.count == expected)
        #expect(watch.reader.socket.kernelDrops == 0 && watch.reader.statistics.malformed == 0)
        // No TCP connection left open (a NEW-reading socket may see the bridge's IGMP).
        #expect(watch.reader.tracker.open.keys.allSatisfy { $0.tuple.proto != 6 })
        #expect(watch.reader.tracker.statistics.emittedWithoutCounters == 0)
      }
      #expect(lean.reader.tracker.openFlowCount == 0)
      #expect(lean.outcomes == every.outcomes)
      #expect(lean.records.filter { $0.sourcePort == 45001 && ($0.bytesIn ?? 0) > 100 }.count == 3)
      #expect(every.record(port: 8080)?.outcome == .established)
      #expect(every.record(port: 8081)?.outcome == .refused)
      #expect(every.record(port: 8082)?.outcome == .reset)
      #expect(every.record(port: 5300)?.outcome == .established)
      #expect((lean.record(port: 8080)?.bytesIn ?? 0) > 100)
      // The timed-out TIME_WAIT DESTROYs stayed in the kernel; those of the entries reopened
      // early came (with the seconds they had left), and the CLOSE ones (refused, reset).
      #expect(timeWaitDestroys(every).count == connections)
      #expect(timeWaitDestroys(every).filter { $0.timeout != nil }.count == samePort - 1)
      #expect(timeWaitDestroys(lean).count == samePort - 1)
      #expect(timeWaitDestroys(lean).allSatisfy { $0.timeout != nil })
      #expect(tcpDestroys(lean).filter { $0.tcpState == .close }.count == 2)
      // Emitted connections are remembered only until the retention passes.
      var tracker = lean.reader.tracker
      #expect(!tracker.emittedIDs.isEmpty)
      _ = tracker.expire(at: Timestamp.now().adding(tracker.configuration.closedRetention))
      #expect(tracker.emittedIDs.isEmpty && tracker.openFlowCount == 0)

      // Switched off (what the reader does after ENOBUFS): TIME_WAIT DESTROYs come, absorbed.
      #expect(lean.reader.socket.dropEmittedDestroys(false) == 0)
      try client.run(["curl", "-s", "-o", "/dev/null", "http://\(web.ip):8080/"], [lean])
      try ConntrackEventFilterTests.drain([lean], seconds: 5) { lean.records.count > expected }
      let before = timeWaitDestroys(lean).count
      try Self.expireTimeWait(lab, watches: [lean]) { timeWaitDestroys(lean).count > before }
      #expect(lean.records.count == expected + 1)
      #expect(timeWaitDestroys(lean).filter { $0.timeout == nil }.count == 1)
      #expect(lean.reader.tracker.statistics.absorbed >= 1)
      print(
        "ConntrackEventFilter DESTROY lab: TCP messages per connection to 8080 "
          + "\(every.messagesPerConnection(port: 8080)) with NEW and every DESTROY, "
          + "\(lean.messagesPerConnection(port: 8080)) as the agent reads")
    }

    /// Waits for TIME_WAIT entries to time out (the lab's timeout is set to 3 s) and lists the
    /// table, which removes expired entries (their DESTROYs), until `done`.
    static func expireTimeWait(
      _ lab: PodNetworkLab, watches: [Watch], until done: () -> Bool
    ) throws {
      let deadline = Date().addingTimeInterval(15)
      while Date() < deadline, !done() {
        try ConntrackEventFilterTests.drain(watches, seconds: 0.5) { false }
        _ = try lab.node.run(["conntrack", "-L", "-p", "tcp"], check: false)
      }
    }
  #endif
}

#if canImport(Glibc)
  extension PodNetworkLab.Pod {
    /// Runs `arguments` in the pod, then lets `watches` read what it caused.
    fileprivate func run(_ arguments: [String], _ watches: [ConntrackEventFilterTests.Watch])
      throws
    {
      _ = try namespace.run(arguments, check: false)
      try ConntrackEventFilterTests.drain(watches, seconds: 0.2) { false }
    }
  }
#endif
