import Testing

@testable import VigilNet

/// Builds DNS messages byte by byte for tests, compressing names like a real server does.
struct DNSTestEncoder {
  var bytes: [UInt8] = []
  var suffixOffsets: [String: Int] = [:]
  var compress = true

  init(id: UInt16 = 0x1234, flags: UInt16 = 0x8180, questions: Int, answers: Int) {
    for value in [id, flags, UInt16(questions), UInt16(answers), 0, 0] { u16(value) }
  }

  mutating func u16(_ value: UInt16) {
    bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
  }

  mutating func name(_ name: String) {
    var labels = name.split(separator: ".").map(String.init)
    while !labels.isEmpty {
      let suffix = labels.joined(separator: ".")
      if compress, let target = suffixOffsets[suffix] {
        u16(0xC000 | UInt16(target))
        return
      }
      if bytes.count < 0x3FFF { suffixOffsets[suffix] = bytes.count }
      let label = Array(labels.removeFirst().utf8)
      bytes.append(UInt8(label.count))
      bytes += label
    }
    bytes.append(0)
  }

  mutating func question(_ name: String, type: UInt16 = 1) {
    self.name(name)
    u16(type)
    u16(1)
  }

  mutating func record(_ name: String, type: UInt16, ttl: UInt32, rdata: (inout Self) -> Void) {
    self.name(name)
    u16(type)
    u16(1)
    u16(UInt16(ttl >> 16))
    u16(UInt16(ttl & 0xFFFF))
    let lengthAt = bytes.count
    u16(0)
    rdata(&self)
    let length = bytes.count - lengthAt - 2
    bytes[lengthAt] = UInt8(length >> 8)
    bytes[lengthAt + 1] = UInt8(length & 0xFF)
  }

  mutating func a(_ name: String, _ address: [UInt8], ttl: UInt32 = 300) {
    record(name, type: 1, ttl: ttl) { $0.bytes += address }
  }

  mutating func aaaa(_ name: String, _ address: [UInt8], ttl: UInt32 = 300) {
    record(name, type: 28, ttl: ttl) { $0.bytes += address }
  }

  mutating func cname(_ name: String, _ target: String, ttl: UInt32 = 300) {
    record(name, type: 5, ttl: ttl) { $0.name(target) }
  }

  var tcpFramed: [UInt8] { [UInt8(bytes.count >> 8), UInt8(bytes.count & 0xFF)] + bytes }
}

/// Sample messages shared by the DNS tests.
enum DNSSamples {
  static func aResponse() -> [UInt8] {
    var message = DNSTestEncoder(questions: 1, answers: 2)
    message.question("example.com")
    message.a("example.com", [93, 184, 216, 34], ttl: 3600)
    message.a("example.com", [93, 184, 216, 35], ttl: 60)
    return message.bytes
  }

  static func cnameChain() -> [UInt8] {
    var message = DNSTestEncoder(questions: 1, answers: 3)
    message.question("www.example.com")
    message.cname("www.example.com", "edge.cdn.net", ttl: 120)
    message.cname("edge.cdn.net", "a1.edge.cdn.net", ttl: 600)
    message.a("a1.edge.cdn.net", [1, 2, 3, 4], ttl: 30)
    return message.bytes
  }

  static func aaaaResponse() -> [UInt8] {
    var message = DNSTestEncoder(questions: 1, answers: 1)
    message.question("ipv6.example.com", type: 28)
    message.aaaa(
      "ipv6.example.com", [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [1])
    return message.bytes
  }
}

@Suite struct DNSMessageTests {
  @Test func parsesAResponseLikeDig() throws {
    // dig example.com, as tcpdump -X shows the UDP payload.
    let bytes: [UInt8] = [
      0xab, 0xcd, 0x81, 0x80, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
      0x07, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x03, 0x63, 0x6f, 0x6d, 0x00,
      0x00, 0x01, 0x00, 0x01,
      0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x0e, 0x10, 0x00, 0x04,
      0x5d, 0xb8, 0xd8, 0x22,
    ]
    let message = try DNSMessage(bytes: bytes)
    #expect(message.header.id == 0xABCD)
    #expect(message.header.isResponse)
    #expect(message.header.responseCode == 0)
    #expect(message.header.questionCount == 1 && message.header.answerCount == 1)
    #expect(message.questions == [DNSQuestion(name: "example.com", type: 1, recordClass: 1)])
    #expect(
      message.answers == [
        DNSRecord(name: "example.com", recordClass: 1, ttl: 3600, data: .a("93.184.216.34"))
      ])
  }

  @Test func parsesEncodedAResponse() throws {
    let message = try DNSMessage(bytes: DNSSamples.aResponse())
    #expect(message.answers.map(\.data) == [.a("93.184.216.34"), .a("93.184.216.35")])
    #expect(message.answers.map(\.ttl) == [3600, 60])
  }

  @Test func parsesAAAA() throws {
    let message = try DNSMessage(bytes: DNSSamples.aaaaResponse())
    #expect(message.questions.first?.type == 28)
    #expect(message.answers.first?.data == .aaaa("2001:db8::1"))
  }

  @Test(arguments: [
    ([UInt8](repeating: 0, count: 16), "::"),
    ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], "::1"),
    ([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1], "2001:db8:0:1::1"),
    ([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1], "2001:db8::1:0:0:1"),
    ([0xfd, 0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0xab, 0xcd], "fd00:1:2:3:4:5:6:abcd"),
  ])
  func formatsIPv6PerRFC5952(bytes: [UInt8], text: String) {
    #expect(DNSAddressText.ipv6(bytes[...]) == text)
  }

  @Test func followsCompressedCNAMEChain() throws {
    let bytes = DNSSamples.cnameChain()
    #expect(bytes.contains(0xC0), "the sample must use compression pointers")
    let message = try DNSMessage(bytes: bytes)
    #expect(
      message.answers.map(\.data) == [
        .cname("edge.cdn.net"), .cname("a1.edge.cdn.net"), .a("1.2.3.4"),
      ])
    #expect(message.answers.map(\.name) == ["www.example.com", "edge.cdn.net", "a1.edge.cdn.net"])
  }

  @Test func readsNXDOMAIN() throws {
    var message = DNSTestEncoder(flags: 0x8183, questions: 1, answers: 0)
    message.question("nope.example.com")
    let parsed = try DNSMessage(bytes: message.bytes)
    #expect(parsed.header.isNameError)
    #expect(parsed.header.responseCode == 3)
    #expect(parsed.answers.isEmpty)
  }

  @Test func skipsOtherTypesHonouringRDLength() throws {
    var message = DNSTestEncoder(questions: 1, answers: 2)
    message.question("example.com", type: 16)
    message.record("example.com", type: 16, ttl: 5) { $0.bytes += [4] + Array("v=ok".utf8) }
    message.a("example.com", [10, 0, 0, 1])
    let parsed = try DNSMessage(bytes: message.bytes)
    #expect(parsed.skippedAnswerCount == 1)
    #expect(parsed.answers.map(\.data) == [.a("10.0.0.1")])
  }

  @Test func reportsTruncationWithOffset() {
    let bytes = DNSSamples.cnameChain()
    for cut in [0, 5, 12, 20, bytes.count - 1] {
      #expect(throws: DNSParseError.self) { try DNSMessage(bytes: Array(bytes[..<cut])) }
      do {
        _ = try DNSMessage(bytes: Array(bytes[..<cut]))
      } catch {
        #expect(error.code == .truncated)
        #expect(error.offset <= cut)
      }
    }
  }

  @Test func rejectsPointerLoop() {
    // Question name at 12 is a pointer to itself.
    let selfLoop: [UInt8] = [0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1]
    #expect(throws: DNSParseError(.badPointer, at: 12)) { try DNSMessage(bytes: selfLoop) }
    // Two pointers pointing at each other: 12 -> 14 (forward) is rejected before looping.
    let pair: [UInt8] = [0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 14, 0xC0, 12, 0, 1, 0, 1]
    #expect(throws: DNSParseError(.badPointer, at: 12)) { try DNSMessage(bytes: pair) }
    // A label then a pointer back to the start of the same name.
    let labelLoop: [UInt8] = [
      0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0x61, 0xC0, 12, 0, 1, 0, 1,
    ]
    #expect(throws: DNSParseError(.badPointer, at: 14)) { try DNSMessage(bytes: labelLoop) }
  }

  @Test func rejectsPointerOutOfBounds() {
    let bytes: [UInt8] = [0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 0xFF, 0, 1, 0, 1]
    #expect(throws: DNSParseError(.badPointer, at: 12)) { try DNSMessage(bytes: bytes) }
  }

  @Test func rejectsLongLabelsAndNames() {
    var header: [UInt8] = [0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0]
    let longLabel = header + [64] + Array(repeating: 0x61, count: 64) + [0, 0, 1, 0, 1]
    // 64 is the first length byte past 63: its top bits 01 are a reserved label type.
    #expect(throws: DNSParseError(.reservedLabelType, at: 12)) { try DNSMessage(bytes: longLabel) }
    for _ in 0..<5 { header += [60] + Array(repeating: 0x62, count: 60) }
    let longName = header + [0, 0, 1, 0, 1]
    #expect(throws: DNSParseError(.nameTooLong, at: 12 + 4 * 61)) {
      try DNSMessage(bytes: longName)
    }
  }

  @Test func rejectsBadRDLength() {
    var message = DNSTestEncoder(questions: 0, answers: 1)
    message.record("example.com", type: 1, ttl: 5) { $0.bytes += [1, 2, 3] }
    #expect(throws: DNSParseError(.badRecordLength, at: 12 + 13 + 8)) {
      try DNSMessage(bytes: message.bytes)
    }
  }

  @Test func escapesUnprintableLabelBytes() throws {
    var message = DNSTestEncoder(questions: 1, answers: 0)
    message.bytes += [3, 0x61, 0x2E, 0x07, 0, 0, 1, 0, 1]
    #expect(try DNSMessage(bytes: message.bytes).questions.first?.name == "a\\.\\007")
  }

  @Test func parsesTCPFraming() throws {
    var message = DNSTestEncoder(questions: 1, answers: 1)
    message.question("example.com")
    message.a("example.com", [192, 0, 2, 1])
    let framed = message.tcpFramed
    #expect(framed.count == message.bytes.count + 2)
    let parsed = try DNSMessage(tcpFramed: framed)
    #expect(parsed == (try DNSMessage(bytes: message.bytes)))
    #expect(throws: DNSParseError(.truncated, at: 0)) {
      try DNSMessage(tcpFramed: Array(framed.dropLast()))
    }
    #expect(throws: DNSParseError(.frameLengthMismatch, at: 0)) {
      try DNSMessage(tcpFramed: framed + [0])
    }
    #expect(throws: DNSParseError(.truncated, at: 1)) { try DNSMessage(tcpFramed: [0]) }
    // An error inside the message reports offsets counted from the prefix.
    var bad = framed
    bad[framed.count - 6] = 0x01  // the A record's RDLENGTH becomes 260: it now overruns
    #expect(throws: DNSParseError(.truncated, at: framed.count)) { try DNSMessage(tcpFramed: bad) }
  }
}
