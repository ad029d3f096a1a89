import Testing
import VigilCore

@testable import VigilNet

@Suite("ConntrackFlowTracker")
struct ConntrackFlowTrackerTests {
  let t0 = Timestamp(nanoseconds: 1_764_000_000_000_000_000)
  let client = ConntrackAddress("10.244.1.10")!
  let server = ConntrackAddress("10.244.1.11")!

  func tuple(_ proto: UInt8 = 6, port: UInt16 = 40_000) -> ConntrackTuple {
    ConntrackTuple(
      source: client, destination: server, proto: proto, sourcePort: port, destinationPort: 8080)
  }

  func event(
    _ kind: ConntrackEvent.Kind, _ state: ConntrackTCPState? = nil,
    _ status: ConntrackStatus = [.confirmed],
    id: UInt32 = 1, proto: UInt8 = 6, port: UInt16 = 40_000, out: (UInt64, UInt64)? = nil,
    back: (UInt64, UInt64)? = nil, sequence: UInt32 = 0
  ) -> ConntrackEvent {
    ConntrackEvent(
      kind: kind, sequence: sequence, id: id, original: tuple(proto, port: port), tcpState: state,
      status: status, originalCounters: out.map { .init(packets: $0.0, bytes: $0.1) },
      replyCounters: back.map { .init(packets: $0.0, bytes: $0.1) })
  }

  func at(_ ms: Int) -> Timestamp { t0.adding(.milliseconds(ms)) }

  @Test("a closed TCP connection asks for counters; the reply completes it; DESTROY is absorbed")
  func closeFetchAbsorb() throws {
    var tracker = ConntrackFlowTracker(configuration: .init(node: "node-1"))
    let established: ConntrackStatus = [.confirmed, .seenReply, .assured]
    #expect(tracker.observe(event(.new, .synSent), at: at(0)) == .init())
    _ = tracker.observe(event(.update, .synReceived, [.confirmed, .seenReply]), at: at(1))
    _ = tracker.observe(event(.update, .established, established), at: at(2))
    _ = tracker.observe(event(.update, .finWait, established), at: at(30))
    let closing = tracker.observe(event(.update, .timeWait, established), at: at(31))
    #expect(closing.record == nil)
    #expect(closing.fetch == .init(tuple: tuple(), zone: nil))
    #expect(tracker.nextDeadline == at(2031))
    let reply = tracker.observe(
      event(.dump, .timeWait, established, out: (6, 398), back: (6, 773), sequence: 9), at: at(32))
    let record = try #require(reply.record)
    #expect(record.outcome == .established)
    #expect(record.start == at(0) && record.end == at(31))
    #expect(record.sourceIP == "10.244.1.10" && record.sourcePort == 40_000)
    #expect(record.destinationIP == "10.244.1.11" && record.destinationPort == 8080)
    #expect(record.bytesOut == 398 && record.bytesIn == 773)
    #expect(record.packetsOut == 6 && record.packetsIn == 6)
    #expect(record.node == "node-1" && record.source == "conntrack" && record.proto == 6)
    #expect(tracker.openFlowCount == 0)
    #expect(
      tracker.observe(event(.destroy, .timeWait, established, out: (6, 398)), at: at(120_000))
        == .init())
    #expect(tracker.statistics.absorbed == 1 && tracker.statistics.emitted == 1)
    #expect(tracker.expire(at: at(200_000)).isEmpty)
  }

  @Test("a new entry with an emitted one's id and tuple (its DESTROY dropped) is its own flow")
  func reusedIDAfterDroppedDestroy() throws {
    // The kernel drops TIME_WAIT DESTROYs (`ConntrackEventFilter.updatesAndEmittedDestroys`),
    // and a new entry allocated where the old one was, on the same tuple (the client port
    // reused), has the same conntrack id.
    var tracker = ConntrackFlowTracker()
    let established: ConntrackStatus = [.confirmed, .seenReply, .assured]
    for round in 0..<3 {
      let ms = round * 3_000
      let closing = tracker.observe(event(.update, .timeWait, established, id: 5), at: at(ms))
      #expect(closing.fetch != nil, "round \(round)")
      let out = (UInt64(5 + round), UInt64(300 + round))
      let reply = tracker.observe(
        event(.dump, .timeWait, established, id: 5, out: out, back: (5, 500), sequence: 9),
        at: at(ms + 1))
      #expect(reply.record?.bytesOut == UInt64(300 + round), "round \(round)")
      // A late duplicate of the reply is absorbed.
      #expect(
        tracker.observe(
          event(.dump, .timeWait, established, id: 5, out: out, sequence: 10), at: at(ms + 2))
          == .init())
      #expect(tracker.openFlowCount == 0)
    }
    #expect(tracker.statistics.emitted == 3 && tracker.statistics.absorbed == 3)
    #expect(tracker.statistics.emittedWithoutCounters == 0)
    // A RST in TIME_WAIT (a CLOSE update) of the emitted connection is still absorbed.
    #expect(tracker.observe(event(.update, .close, established, id: 5), at: at(9_500)) == .init())
    #expect(tracker.expire(at: at(200_000)).isEmpty && tracker.emittedIDs.isEmpty)
  }

  @Test("with a TIME_WAIT retention, connections emitted at TIME_WAIT are forgotten sooner")
  func timeWaitRetention() throws {
    var configuration = ConntrackFlowTracker.Configuration()
    configuration.timeWaitRetention = .seconds(12)
    var tracker = ConntrackFlowTracker(configuration: configuration)
    let established: ConntrackStatus = [.confirmed, .seenReply, .assured]
    // Emitted at TIME_WAIT (id 1), and one reset (id 2: CLOSE, its DESTROY still comes).
    _ = tracker.observe(event(.update, .timeWait, established, id: 1), at: at(0))
    _ = tracker.observe(
      event(.dump, .timeWait, established, id: 1, out: (5, 300), sequence: 4), at: at(1))
    _ = tracker.observe(event(.update, .close, established, id: 2, port: 41_000), at: at(2))
    _ = tracker.observe(
      event(.dump, .close, established, id: 2, port: 41_000, out: (3, 100), sequence: 5),
      at: at(3))
    #expect(tracker.statistics.emitted == 2 && Set(tracker.emittedIDs) == [1, 2])
    // Within the TIME_WAIT retention a RST in TIME_WAIT is absorbed.
    #expect(tracker.observe(event(.update, .close, established, id: 1), at: at(5_000)) == .init())
    #expect(tracker.expire(at: at(13_000)).isEmpty)
    #expect(tracker.emittedIDs == [2])
    // The reset one is still remembered: its DESTROY (10 s later) is absorbed.
    #expect(
      tracker.observe(event(.destroy, .close, established, id: 2, port: 41_000), at: at(14_000))
        == .init())
    #expect(tracker.emittedIDs.isEmpty && tracker.statistics.emitted == 2)
  }

  @Test("after a restart, connections the previous run emitted are not emitted again")
  func restartAbsorbsEarlierEmits() throws {
    let established: ConntrackStatus = [.confirmed, .seenReply, .assured]
    var first = ConntrackFlowTracker()
    _ = first.observe(event(.new, .synSent, id: 7), at: at(0))
    _ = first.observe(event(.update, .established, established, id: 7), at: at(1))
    _ = first.observe(event(.update, .timeWait, established, id: 7), at: at(2))
    #expect(first.expire(at: at(5000)).count == 1)
    #expect(first.emittedIDs == [7])

    var second = ConntrackFlowTracker()
    second.rememberEmitted(ids: first.emittedIDs, until: at(300_000))
    // The start-up dump lists it in TIME_WAIT, then its DESTROY comes: neither is a new flow.
    let listed = second.observe(
      event(.dump, .timeWait, established, id: 7, out: (6, 400), sequence: 3), at: at(6000))
    #expect(listed.record == nil)
    #expect(
      second.observe(event(.destroy, .timeWait, established, id: 7), at: at(120_000)) == .init())
    // A connection that closed while no agent ran is still reported.
    let missed = second.observe(
      event(.dump, .timeWait, established, id: 8, port: 41_000, out: (6, 400), sequence: 3),
      at: at(6001))
    #expect(missed.record?.sourcePort == 41_000)
    #expect(second.statistics.absorbed == 2 && second.statistics.emitted == 1)
  }

  @Test("without a counter reply the record goes out at the deadline, and DESTROY is absorbed")
  func deadline() throws {
    var tracker = ConntrackFlowTracker(configuration: .init(counterWait: .seconds(1)))
    _ = tracker.observe(event(.new, .synSent), at: at(0))
    _ = tracker.observe(
      event(.update, .established, [.confirmed, .seenReply, .assured]), at: at(1))
    _ = tracker.observe(event(.update, .timeWait, [.confirmed, .seenReply, .assured]), at: at(5))
    #expect(tracker.expire(at: at(900)).isEmpty)
    let records = tracker.expire(at: at(1005))
    #expect(records.count == 1)
    #expect(records.first?.bytesOut == nil && records.first?.outcome == .established)
    #expect(tracker.statistics.emittedWithoutCounters == 1)
    #expect(tracker.observe(event(.destroy, .timeWait), at: at(130_000)).record == nil)
  }

  @Test("outcomes: refused, reset, unreplied SYN, UDP answered and unanswered")
  func outcomes() throws {
    var tracker = ConntrackFlowTracker()
    _ = tracker.observe(event(.new, .synSent, port: 1), at: at(0))
    let refused = tracker.observe(
      event(.destroy, .close, [.confirmed, .dying], port: 1, out: (1, 60), back: (1, 40)), at: at(1)
    )
    #expect(refused.record?.outcome == .refused)
    #expect(refused.record?.bytesIn == 40)

    _ = tracker.observe(event(.new, .synSent, id: 2, port: 2), at: at(0))
    _ = tracker.observe(
      event(.update, .established, [.confirmed, .seenReply, .assured], id: 2, port: 2), at: at(1))
    let reset = tracker.observe(
      event(.update, .close, [.confirmed, .seenReply, .assured], id: 2, port: 2), at: at(2))
    #expect(reset.fetch != nil)
    let resetRecord = tracker.observe(
      event(.destroy, .close, id: 2, port: 2, out: (3, 180), back: (2, 120)), at: at(3))
    #expect(resetRecord.record?.outcome == .reset)
    #expect(resetRecord.record?.bytesOut == 180)

    _ = tracker.observe(event(.new, .synSent, id: 3, port: 3), at: at(0))
    let timedOut = tracker.observe(
      event(.destroy, .synSent, id: 3, port: 3, out: (6, 360), back: (0, 0)), at: at(120_000))
    #expect(timedOut.record?.outcome == .unreplied)

    _ = tracker.observe(event(.new, id: 4, proto: 17, port: 4), at: at(0))
    _ = tracker.observe(
      event(.update, nil, [.confirmed, .seenReply], id: 4, proto: 17, port: 4), at: at(1))
    let udp = tracker.observe(
      event(.destroy, id: 4, proto: 17, port: 4, out: (1, 40), back: (1, 60)), at: at(30_000))
    #expect(udp.record?.outcome == .established && udp.record?.end == at(30_000))
    let lonely = tracker.observe(
      event(.destroy, nil, [.confirmed], id: 5, proto: 17, port: 5, out: (1, 33), back: (0, 0)),
      at: at(30_000))
    #expect(lonely.record?.outcome == .unreplied)
    #expect(tracker.statistics.emitted == 5 && tracker.openFlowCount == 0)
  }

  @Test("start-up dump entries become open flows; a listed TIME_WAIT entry is emitted at once")
  func startupDump() throws {
    var tracker = ConntrackFlowTracker()
    var listed = event(
      .dump, .established, [.confirmed, .seenReply, .assured], out: (3, 200), sequence: 1)
    listed.start = at(-60_000)
    #expect(tracker.observe(listed, at: at(0)) == .init())
    #expect(tracker.openFlowCount == 1)
    let done = tracker.observe(
      event(.destroy, .close, id: 1, out: (9, 900), back: (8, 800)), at: at(10_000))
    #expect(done.record?.start == at(-60_000))
    #expect(done.record?.bytesOut == 900 && done.record?.outcome == .reset)

    let old = tracker.observe(
      event(
        .dump, .timeWait, [.confirmed, .seenReply, .assured], id: 7, port: 7, out: (5, 500),
        back: (5, 600), sequence: 1),
      at: at(0))
    #expect(old.record?.bytesIn == 600 && old.record?.outcome == .established)
    #expect(
      tracker.observe(event(.destroy, .timeWait, id: 7, port: 7), at: at(100_000)).record == nil)
  }

  @Test("bounded: the oldest open flow is dropped and counted; a reused tuple starts a new flow")
  func bounds() {
    var tracker = ConntrackFlowTracker(configuration: .init(maxOpenFlows: 3))
    for port in 1...5 {
      _ = tracker.observe(event(.new, .synSent, id: UInt32(port), port: UInt16(port)), at: at(port))
    }
    #expect(tracker.openFlowCount == 3 && tracker.statistics.evicted == 2)
    // DESTROY of a dropped flow is still reported (once).
    let late = tracker.observe(event(.destroy, .synSent, id: 1, port: 1), at: at(10))
    #expect(late.record?.outcome == .unreplied)
    // Same tuple, new id: the old entry's DESTROY was missed; it is finished, the new one opens.
    let reused = tracker.observe(event(.new, .synSent, id: 99, port: 5), at: at(20))
    #expect(reused.record?.sourcePort == 5)
    #expect(tracker.openFlowCount == 3)
  }

  @Test("ICMP records carry type and code in the port fields")
  func icmp() {
    var tracker = ConntrackFlowTracker()
    let ping = ConntrackTuple(
      source: client, destination: server, proto: 1, icmpType: 8, icmpCode: 0, icmpID: 77)
    _ = tracker.observe(
      ConntrackEvent(kind: .new, id: 1, original: ping, status: [.confirmed]), at: at(0))
    let step = tracker.observe(
      ConntrackEvent(kind: .destroy, id: 1, original: ping, status: [.confirmed, .seenReply]),
      at: at(30_000))
    #expect(
      step.record?.proto == 1 && step.record?.sourcePort == 8 && step.record?.destinationPort == 0)
    #expect(step.record?.outcome == .established)
  }
}
