import Testing
import VigilCore

@testable import VigilNet

@Suite("DNSCapture")
struct DNSCaptureTests {
  static let server: [UInt8] = [10, 96, 0, 10]
  static let alice: [UInt8] = [10, 244, 1, 11]
  static let bob: [UInt8] = [10, 244, 1, 12]
  static let start = Timestamp(nanoseconds: 1_764_000_000_000_000_000)

  /// `www.example.com` → CNAME `edge.cdn.example.net` → CNAME `a1.cdn.example.net` → two A.
  static func chain(id: UInt16, ttl: UInt32 = 60) -> [UInt8] {
    var message = DNSTestEncoder(id: id, questions: 1, answers: 4)
    message.question("www.example.com")
    message.cname("www.example.com", "edge.cdn.example.net", ttl: 300)
    message.cname("edge.cdn.example.net", "a1.cdn.example.net", ttl: ttl)
    message.a("a1.cdn.example.net", [93, 184, 216, 34], ttl: 300)
    message.a("a1.cdn.example.net", [93, 184, 216, 35], ttl: 300)
    return message.bytes
  }

  @Test("a CNAME chain labels both addresses with the name asked, for that client only")
  func cnameChain() {
    var capture = DNSCapture(cache: DNSCache(minimumTTL: 0))
    let frame = CaptureFrameBuilder().udp(
      Self.chain(id: 9), from: Self.server, 53, to: Self.alice, 33_000)
    capture.observe(frame: frame, link: .ethernet, at: Self.start)
    let soon = Self.start.adding(.seconds(10))
    #expect(
      capture.name(for: "93.184.216.34", client: "10.244.1.11", at: soon) == "www.example.com")
    #expect(
      capture.name(for: "93.184.216.35", client: "10.244.1.11", at: soon) == "www.example.com")
    #expect(capture.name(for: "93.184.216.34", client: "10.244.1.12", at: soon) == nil)
    // The shortest TTL along the chain (60 s) bounds the answer.
    #expect(
      capture.name(for: "93.184.216.34", client: "10.244.1.11", at: Self.start.adding(.seconds(61)))
        == nil)
    #expect(capture.counters.responses == 1 && capture.counters.frames == 1)
  }

  @Test("the same response on a second interface is counted once; a later repeat is recorded")
  func duplicates() {
    var capture = DNSCapture(duplicateWindow: .seconds(1))
    let frame = CaptureFrameBuilder().udp(
      Self.chain(id: 5), from: Self.server, 53, to: Self.alice, 33_000)
    capture.observe(frame: frame, link: .ethernet, at: Self.start)
    capture.observe(frame: frame, link: .ethernet, at: Self.start.adding(.milliseconds(1)))
    #expect(capture.counters.responses == 1)
    #expect(capture.counters.duplicateResponses == 1)
    capture.observe(frame: frame, link: .ethernet, at: Self.start.adding(.seconds(5)))
    #expect(capture.counters.responses == 2)
    // Same id and ports to another client is another response.
    let toBob = CaptureFrameBuilder().udp(
      Self.chain(id: 5), from: Self.server, 53, to: Self.bob, 33_000)
    capture.observe(frame: toBob, link: .ethernet, at: Self.start.adding(.seconds(5)))
    #expect(capture.counters.responses == 3)
    #expect(
      capture.name(for: "93.184.216.35", client: "10.244.1.12", at: Self.start.adding(.seconds(6)))
        == "www.example.com")
  }

  @Test("queries, TCP partials, skipped and malformed frames are counted by reason")
  func counters() {
    var capture = DNSCapture()
    var query = DNSTestEncoder(id: 1, flags: 0x0100, questions: 1, answers: 0)
    query.question("www.example.com")
    let builder = CaptureFrameBuilder()
    capture.observe(
      frame: builder.udp(query.bytes, from: Self.alice, 40_000, to: Self.server, 53),
      link: .ethernet, at: Self.start)
    let response = Self.chain(id: 2)
    let partial = [UInt8(response.count >> 8), UInt8(response.count & 0xFF)] + response.prefix(20)
    capture.observe(
      frame: builder.tcp(Array(partial), from: Self.server, 53, to: Self.alice, 40_001),
      link: .ethernet, at: Self.start)
    var fragment = builder
    fragment.ipv4Fragment = 0x00B9
    capture.observe(
      frame: fragment.udp(response, from: Self.server, 53, to: Self.alice, 1), link: .ethernet,
      at: Self.start)
    capture.observe(frame: [1, 2, 3], link: .ethernet, at: Self.start)
    capture.observe(
      frame: builder.udp([0x12, 0x34, 0x81], from: Self.server, 53, to: Self.alice, 2),
      link: .ethernet, at: Self.start)
    #expect(capture.counters.frames == 5)
    #expect(capture.counters.queries == 1)
    #expect(capture.counters.tcpPartialMessages == 1)
    #expect(capture.counters.nonFirstFragments == 1)
    #expect(capture.counters.skipped[.truncatedLinkHeader] == 1)
    #expect(capture.counters.malformedFrames == 1)
    #expect(capture.counters.malformedMessages[.truncated] == 1)
    #expect(capture.counters.responses == 0)
    #expect(capture.cache.count == 0)
  }

  @Test("AAAA answers over IPv6 are keyed by the IPv6 client")
  func ipv6Client() {
    var message = DNSTestEncoder(id: 3, questions: 1, answers: 1)
    message.question("v6.example.com", type: 28)
    message.aaaa("v6.example.com", [0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5])
    let client: [UInt8] = [0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x0B]
    let server: [UInt8] = [0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0A]
    var capture = DNSCapture()
    capture.observe(
      frame: CaptureFrameBuilder().udp(message.bytes, from: server, 53, to: client, 9),
      link: .ethernet, at: Self.start)
    #expect(
      capture.name(for: "2001:DB8::5", client: "fd00::10b", at: Self.start) == "v6.example.com")
  }
}
