import Testing
import VigilCore

@testable import VigilNet

/// Names looked up become lookup records: once per client and name per window, cluster names
/// left out, bounded.
@Suite("DNSLookupLog")
struct DNSLookupLogTests {
  static func response(_ names: [String], client: String = "10.244.1.10") -> (DNSMessage, DNSPacket)
  {
    let message = DNSMessage(
      header: DNSHeader(
        id: 7, flags: 0x8180, questionCount: UInt16(names.count), answerCount: 0,
        authorityCount: 0, additionalCount: 0),
      questions: names.map { DNSQuestion(name: $0, type: 1, recordClass: 1) }, answers: [])
    let packet = DNSPacket(
      sourceIP: "10.96.0.10", destinationIP: client, sourcePort: 53, destinationPort: 40_000,
      transport: .udp, messages: [message], malformed: [], partialMessages: 0)
    return (message, packet)
  }

  @Test("one record per client and name per window; cluster names skipped; capacity counted")
  func records() {
    var log = DNSLookupLog(window: .seconds(60), capacity: 3)
    let t0 = Timestamp(seconds: 1_000)
    let (message, packet) = Self.response(["Evil.Example.", "api.default.svc.cluster.local"])
    log.record(response: message, packet: packet, node: "n1", at: t0)
    log.record(response: message, packet: packet, node: "n1", at: t0.adding(.seconds(10)))
    var taken = log.take()
    #expect(taken.count == 1)
    let record = taken[0]
    #expect(record.isLookup && record.dnsName == "evil.example" && record.node == "n1")
    #expect(record.sourceIP == "10.244.1.10" && record.destinationIP == "10.96.0.10")
    #expect(record.destinationPort == 53 && record.proto == 17 && record.outcome == .unknown)
    #expect(log.take().isEmpty)
    log.record(response: message, packet: packet, node: nil, at: t0.adding(.seconds(61)))
    #expect(log.take().count == 1)
    let (other, otherPacket) = Self.response(["a.example", "b.example", "c.example", "d.example"])
    log.record(response: other, packet: otherPacket, node: nil, at: t0)
    taken = log.take()
    #expect(taken.count == 3 && log.dropped == 1)
  }
}
