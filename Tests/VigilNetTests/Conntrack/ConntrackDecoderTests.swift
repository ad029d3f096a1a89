import CVigilLinux
import Testing
import VigilCore

@testable import VigilNet

@Suite("ConntrackDecoder")
struct ConntrackDecoderTests {
  let decoder = ConntrackDecoder()

  func events(_ hex: [String]) -> [ConntrackEvent] {
    hex.flatMap { decoder.decode(ConntrackCapture.bytes($0)) }.compactMap {
      if case .event(let event) = $0 { return event }
      return nil
    }
  }

  func tcp(_ source: String, _ sport: UInt16, _ destination: String, _ dport: UInt16)
    -> ConntrackTuple
  {
    ConntrackTuple(
      source: ConntrackAddress(source)!, destination: ConntrackAddress(destination)!, proto: 6,
      sourcePort: sport, destinationPort: dport)
  }

  @Test("kernel events: a TCP connection's states, a refused one, UDP and ICMP")
  func capturedEvents() throws {
    let all = events(ConntrackCapture.events)
    #expect(all.count == 18)
    let first = try #require(all.first)
    #expect(first.kind == .new)
    #expect(first.original == tcp("127.0.0.1", 43286, "127.0.0.1", 8080))
    #expect(first.reply == tcp("127.0.0.1", 8080, "127.0.0.1", 43286))
    #expect(first.tcpState == .synSent)
    #expect(first.status == [.confirmed])
    #expect(first.family == 2)
    #expect(first.originalCounters == nil)
    let states = all.prefix(6).map(\.tcpState)
    #expect(states == [.synSent, .synReceived, .established, .finWait, .lastAck, .timeWait])
    #expect(all[2].status == [.confirmed, .seenReply, .assured])
    #expect(Set(all.prefix(6).map(\.id)).count == 1)

    let ipv6 = all[6]
    #expect(ipv6.family == 10)
    #expect(ipv6.original.source.text == "::1")
    #expect(ipv6.original.destinationPort == 8080)

    let refused = all[13]
    #expect(refused.kind == .destroy)
    #expect(refused.original.destinationPort == 8081)
    #expect(refused.tcpState == .close)
    #expect(refused.status?.contains(.seenReply) == false)
    #expect(refused.originalCounters == .init(packets: 1, bytes: 60))
    #expect(refused.replyCounters == .init(packets: 1, bytes: 40))
    let start = try #require(refused.start)
    let stop = try #require(refused.stop)
    #expect(start <= stop && stop.since(start) < .seconds(1))

    let icmp = all[15]
    #expect(icmp.original.proto == 1 && icmp.original.icmpType == 8 && icmp.original.icmpCode == 0)
    #expect(icmp.reply?.icmpType == 0)
    #expect(icmp.original.icmpID == icmp.reply?.icmpID)

    let udpDestroy = all[17]
    #expect(udpDestroy.kind == .destroy && udpDestroy.original.proto == 17)
    #expect(udpDestroy.original.destinationPort == 9999)
    #expect(udpDestroy.replyCounters == .init(packets: 0, bytes: 0))
  }

  @Test("kernel dump reply: entries with counters and the request's sequence, then DONE")
  func capturedDump() throws {
    let messages = ConntrackCapture.dump.flatMap { decoder.decode(ConntrackCapture.bytes($0)) }
    #expect(messages.last == .done(sequence: 7))
    let entries = events(ConntrackCapture.dump)
    #expect(entries.count == 3)
    #expect(entries.allSatisfy { $0.kind == .dump && $0.sequence == 7 })
    let tcp4 = try #require(entries.first { $0.original.proto == 6 && !$0.original.source.isIPv6 })
    #expect(tcp4.tcpState == .timeWait)
    #expect(tcp4.originalCounters == .init(packets: 6, bytes: 398))
    #expect(tcp4.replyCounters == .init(packets: 6, bytes: 773))
    #expect(tcp4.start != nil && tcp4.stop == nil)
  }

  @Test("hand-built: round trip of every field, IPv4 and IPv6, zone and mark")
  func roundTrip() throws {
    let original = ConntrackTuple(
      source: ConntrackAddress("fd00:10::5")!, destination: ConntrackAddress("2001:db8::1")!,
      proto: 17, sourcePort: 5353, destinationPort: 53)
    let event = ConntrackEvent(
      kind: .destroy, id: 0xDEAD_BEEF, original: original, reply: original, tcpState: nil,
      status: [.confirmed, .seenReply, .destinationNAT],
      originalCounters: .init(packets: 1 << 40, bytes: 1 << 50),
      replyCounters: .init(packets: 2, bytes: 300),
      start: Timestamp(nanoseconds: 1_700_000_000_123_456_789),
      stop: Timestamp(nanoseconds: 1_700_000_001_000_000_000), timeout: 30, zone: 7,
      mark: 0x1234)
    var writer = NetlinkWriter()
    writer.event(event)
    #expect(decoder.decode(writer.bytes) == [.event(event)])
    #expect(event.original.source.text == "fd00:10::5")
  }

  @Test("NLMSG_ERROR, NLMSG_DONE and other subsystems")
  func controlMessages() {
    var writer = NetlinkWriter()
    var start = writer.beginMessage(type: 2, flags: 0, sequence: 9, family: nil)
    writer.raw(withUnsafeBytes(of: Int32(-2)) { Array($0) })
    writer.raw([UInt8](repeating: 0, count: 16))
    writer.end(message: start)
    start = writer.beginMessage(type: 2, flags: 0, sequence: 10, family: nil)
    writer.raw([0, 0, 0, 0])
    writer.end(message: start)
    start = writer.beginMessage(type: 3, flags: 2, sequence: 11, family: nil)
    writer.raw([0, 0, 0, 0])
    writer.end(message: start)
    start = writer.beginMessage(type: 0x0200, flags: 0, sequence: 0, family: 2)  // expectation
    writer.end(message: start)
    #expect(
      decoder.decode(writer.bytes) == [
        .kernelError(errno: 2, sequence: 9), .acknowledgement(sequence: 10), .done(sequence: 11),
        .ignored(type: 0x0200),
      ])
  }

  @Test("a malformed message is reported with its offset and the next one is still read")
  func malformedSkipped() throws {
    let good = ConntrackEvent(kind: .new, id: 1, original: tcp("10.0.0.1", 1, "10.0.0.2", 2))
    var writer = NetlinkWriter()
    writer.event(good)
    let badOffset = writer.bytes.count
    let start = writer.beginMessage(type: 0x0100, flags: 0x400, sequence: 0, family: 2)
    writer.raw([200, 0, 1, 0x80])  // attribute claiming 200 bytes
    writer.end(message: start)
    let missingOffset = writer.bytes.count
    let empty = writer.beginMessage(type: 0x0100, flags: 0x400, sequence: 0, family: 2)
    writer.u32(ConntrackWire.status, 8)  // no tuple
    writer.end(message: empty)
    writer.event(good)
    let messages = decoder.decode(writer.bytes)
    #expect(messages.count == 4)
    #expect(messages[0] == .event(good) && messages[3] == .event(good))
    guard case .malformed(let error) = messages[1], case .malformed(let missing) = messages[2]
    else {
      Issue.record("expected two malformed messages: \(messages)")
      return
    }
    #expect(error.code == .badAttributeLength)
    #expect(error.messageOffset == badOffset && error.offset == badOffset + 20)
    #expect(missing.code == .missingTuple && missing.messageOffset == missingOffset)
  }

  @Test("a broken length drops the rest; a short tail is reported")
  func brokenFraming() {
    var writer = NetlinkWriter()
    writer.event(ConntrackEvent(kind: .new, original: tcp("10.0.0.1", 1, "10.0.0.2", 2)))
    var bytes = writer.bytes
    let second = bytes.count
    bytes += [0xFF, 0xFF, 0, 0] + [UInt8](repeating: 0, count: 12)
    let messages = decoder.decode(bytes)
    #expect(messages.count == 2)
    #expect(
      messages[1]
        == .malformed(ConntrackDecodeError(.badMessageLength, at: second, message: second)))
    let tail = decoder.decode(writer.bytes + [1, 2, 3])
    #expect(
      tail.last == .malformed(ConntrackDecodeError(.truncatedHeader, at: second, message: second)))
    #expect(decoder.decode([]).isEmpty)
  }

  @Test("the wire constants match the kernel headers")
  func constantsMatchHeaders() {
    #expect(ConntrackWire.tupleOrig == UInt16(CTA_TUPLE_ORIG.rawValue))
    #expect(ConntrackWire.tupleReply == UInt16(CTA_TUPLE_REPLY.rawValue))
    #expect(ConntrackWire.status == UInt16(CTA_STATUS.rawValue))
    #expect(ConntrackWire.protoinfo == UInt16(CTA_PROTOINFO.rawValue))
    #expect(ConntrackWire.timeout == UInt16(CTA_TIMEOUT.rawValue))
    #expect(ConntrackWire.mark == UInt16(CTA_MARK.rawValue))
    #expect(ConntrackWire.countersOrig == UInt16(CTA_COUNTERS_ORIG.rawValue))
    #expect(ConntrackWire.countersReply == UInt16(CTA_COUNTERS_REPLY.rawValue))
    #expect(ConntrackWire.id == UInt16(CTA_ID.rawValue))
    #expect(ConntrackWire.zone == UInt16(CTA_ZONE.rawValue))
    #expect(ConntrackWire.timestamp == UInt16(CTA_TIMESTAMP.rawValue))
    #expect(ConntrackWire.ipV6Destination == UInt16(CTA_IP_V6_DST.rawValue))
    #expect(ConntrackWire.protoICMPv6Code == UInt16(CTA_PROTO_ICMPV6_CODE.rawValue))
    #expect(ConntrackWire.protoinfoTCPState == UInt16(CTA_PROTOINFO_TCP_STATE.rawValue))
    #expect(ConntrackWire.counter32Bytes == UInt16(CTA_COUNTERS32_BYTES.rawValue))
    #expect(ConntrackWire.timestampStop == UInt16(CTA_TIMESTAMP_STOP.rawValue))
    #expect(ConntrackWire.messageDelete == UInt16(IPCTNL_MSG_CT_DELETE.rawValue))
    #expect(ConntrackWire.subsystemConntrack == UInt16(NFNL_SUBSYS_CTNETLINK))
    #expect(ConntrackWire.groupConntrackDestroy == Int32(NFNLGRP_CONNTRACK_DESTROY.rawValue))
    #expect(ConntrackWire.attributeNested == UInt16(NLA_F_NESTED))
    #expect(ConntrackWire.flagDump == UInt16(NLM_F_DUMP))
    #expect(ConntrackWire.flagCreate == UInt16(NLM_F_CREATE))
  }
}
