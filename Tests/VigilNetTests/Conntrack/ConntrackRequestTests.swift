import Testing

@testable import VigilNet

@Suite("ConntrackRequest")
struct ConntrackRequestTests {
  @Test("a dump request is CT_GET with NLM_F_REQUEST|NLM_F_DUMP and the family")
  func dump() {
    let bytes = ConntrackRequest.dump(family: .ipv6, sequence: 42)
    #expect(bytes.count == 20)
    let header = bytes.withUnsafeBytes {
      (
        $0.loadUnaligned(as: UInt32.self), $0.loadUnaligned(fromByteOffset: 4, as: UInt16.self),
        $0.loadUnaligned(fromByteOffset: 6, as: UInt16.self),
        $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
      )
    }
    #expect(header.0 == 20 && header.1 == 0x0101 && header.2 == 0x0301 && header.3 == 42)
    #expect(bytes[16] == 10 && bytes[17] == 0)
  }

  @Test("a get request carries the original tuple, readable by the decoder's tuple reader")
  func get() throws {
    let tuple = ConntrackTuple(
      source: ConntrackAddress("10.244.1.10")!, destination: ConntrackAddress("93.184.216.34")!,
      proto: 6, sourcePort: 40_000, destinationPort: 443)
    var bytes = ConntrackRequest.get(tuple, zone: 3, sequence: 5)
    #expect(bytes.count % 4 == 0)
    #expect(bytes[4] == 1 && bytes[5] == 1)  // CT_GET
    #expect(bytes[16] == 2)  // AF_INET
    // Rewrite the type to CT_NEW (a reply of the same shape) and decode it back.
    bytes[4] = 0
    let messages = ConntrackDecoder().decode(bytes)
    guard case .event(let event) = try #require(messages.first) else {
      Issue.record("not an event: \(messages)")
      return
    }
    #expect(event.original == tuple && event.zone == 3 && event.sequence == 5)
    #expect(event.kind == .dump)
  }
}
