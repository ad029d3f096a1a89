extension DNSMessage {
  /// Longest name on the wire, in bytes, counting length octets and the root (RFC 1035 2.3.4).
  public static let maxNameLength = 255
  /// Most compression pointers one name may follow.
  public static let maxPointerHops = 32

  /// Parses a DNS message as carried in a UDP payload.
  public init(bytes: [UInt8]) throws(DNSParseError) {
    var reader = DNSReader(bytes: bytes)
    self = try reader.readMessage()
  }

  /// Parses a DNS message as carried over TCP: a 2-byte big-endian length, then the message.
  ///
  /// The input must hold exactly one framed message. Error offsets count the prefix.
  public init(tcpFramed bytes: [UInt8]) throws(DNSParseError) {
    guard bytes.count >= 2 else { throw DNSParseError(.truncated, at: bytes.count) }
    let length = Int(bytes[0]) << 8 | Int(bytes[1])
    guard bytes.count - 2 == length else {
      throw DNSParseError(bytes.count - 2 < length ? .truncated : .frameLengthMismatch, at: 0)
    }
    do {
      self = try DNSMessage(bytes: Array(bytes[2...]))
    } catch {
      throw DNSParseError(error.code, at: error.offset + 2)
    }
  }
}

/// A bounds-checked cursor over one DNS message.
struct DNSReader {
  let bytes: [UInt8]
  var offset = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  mutating func readMessage() throws(DNSParseError) -> DNSMessage {
    let header = DNSHeader(
      id: try u16(), flags: try u16(), questionCount: try u16(), answerCount: try u16(),
      authorityCount: try u16(), additionalCount: try u16())
    var questions: [DNSQuestion] = []
    for _ in 0..<header.questionCount {
      let name = try readName()
      questions.append(DNSQuestion(name: name, type: try u16(), recordClass: try u16()))
    }
    var answers: [DNSRecord] = []
    var skipped = 0
    for _ in 0..<header.answerCount {
      if let record = try readRecord() { answers.append(record) } else { skipped += 1 }
    }
    return DNSMessage(
      header: header, questions: questions, answers: answers, skippedAnswerCount: skipped)
  }

  /// Reads one resource record; nil for a type that is skipped.
  mutating func readRecord() throws(DNSParseError) -> DNSRecord? {
    let name = try readName()
    let type = try u16()
    let recordClass = try u16()
    let ttl = UInt32(try u16()) << 16 | UInt32(try u16())
    let lengthOffset = offset
    let length = Int(try u16())
    let start = offset
    guard bytes.count - start >= length else { throw DNSParseError(.truncated, at: bytes.count) }
    let end = start + length
    defer { offset = end }
    let data: DNSRecordData
    switch type {
    case 1:
      guard length == 4 else { throw DNSParseError(.badRecordLength, at: lengthOffset) }
      data = .a(DNSAddressText.ipv4(bytes[start..<end]))
    case 28:
      guard length == 16 else { throw DNSParseError(.badRecordLength, at: lengthOffset) }
      data = .aaaa(DNSAddressText.ipv6(bytes[start..<end]))
    case 5:
      let target = try readName()
      guard offset == end else { throw DNSParseError(.badRecordLength, at: lengthOffset) }
      data = .cname(target)
    default:
      return nil
    }
    return DNSRecord(name: name, recordClass: recordClass, ttl: ttl, data: data)
  }

  /// Reads a possibly compressed name at the cursor and leaves the cursor after it.
  mutating func readName() throws(DNSParseError) -> String {
    var position = offset
    var resumeAt: Int?
    var hops = 0
    var wireLength = 1  // the root's zero octet
    var lowestPointerTarget = position
    var text: [UInt8] = []
    while true {
      guard position < bytes.count else { throw DNSParseError(.truncated, at: position) }
      let length = bytes[position]
      switch length & 0xC0 {
      case 0xC0:
        guard position + 1 < bytes.count else { throw DNSParseError(.truncated, at: position + 1) }
        let target = Int(length & 0x3F) << 8 | Int(bytes[position + 1])
        // Pointers must go strictly backwards from every label already read: no loops.
        guard target < lowestPointerTarget else { throw DNSParseError(.badPointer, at: position) }
        hops += 1
        guard hops <= DNSMessage.maxPointerHops else {
          throw DNSParseError(.tooManyPointers, at: position)
        }
        if resumeAt == nil { resumeAt = position + 2 }
        lowestPointerTarget = target
        position = target
      case 0x00:
        let count = Int(length)
        if count == 0 {
          offset = resumeAt ?? position + 1
          return text.isEmpty ? "." : String(decoding: text, as: UTF8.self)
        }
        wireLength += count + 1
        guard wireLength <= DNSMessage.maxNameLength else {
          throw DNSParseError(.nameTooLong, at: position)
        }
        guard bytes.count - position - 1 >= count else {
          throw DNSParseError(.truncated, at: bytes.count)
        }
        if !text.isEmpty { text.append(UInt8(ascii: ".")) }
        for byte in bytes[(position + 1)...(position + count)] {
          Self.appendEscaped(byte, to: &text)
        }
        position += count + 1
      default:
        // 0x40 and 0x80: reserved label types, so the 6-bit length caps labels at 63 bytes.
        throw DNSParseError(.reservedLabelType, at: position)
      }
    }
  }

  /// Appends a label byte as `dig` prints it: printable ASCII as is, `.` and `\` escaped, others `\DDD`.
  static func appendEscaped(_ byte: UInt8, to text: inout [UInt8]) {
    switch byte {
    case UInt8(ascii: "."), UInt8(ascii: "\\"):
      text.append(UInt8(ascii: "\\"))
      text.append(byte)
    case 0x21...0x7E:
      text.append(byte)
    default:
      text.append(UInt8(ascii: "\\"))
      text.append(UInt8(ascii: "0") + byte / 100)
      text.append(UInt8(ascii: "0") + byte / 10 % 10)
      text.append(UInt8(ascii: "0") + byte % 10)
    }
  }

  mutating func u16() throws(DNSParseError) -> UInt16 {
    guard bytes.count - offset >= 2 else { throw DNSParseError(.truncated, at: bytes.count) }
    defer { offset += 2 }
    return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
  }
}
