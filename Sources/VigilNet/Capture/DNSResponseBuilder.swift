/// Writes DNS responses the way servers do (names compressed against earlier ones), for the
/// benchmark and the tests.
struct DNSResponseBuilder {
  private(set) var bytes: [UInt8]
  private var offsets: [String: Int] = [:]

  /// Starts a response (QR, RD, RA; NOERROR) with one question for `name` of type `type`.
  init(id: UInt16, question name: String, type: UInt16, answers: Int, flags: UInt16 = 0x8180) {
    bytes = []
    for value in [id, flags, 1, UInt16(answers), 0, 0] { bytes += CaptureFrameBuilder.be16(value) }
    self.name(name)
    bytes += CaptureFrameBuilder.be16(type) + [0, 1]
  }

  /// Appends `name`, pointing at an earlier copy of its longest known suffix.
  mutating func name(_ name: String) {
    var labels = name.split(separator: ".").map(String.init)
    while !labels.isEmpty {
      let suffix = labels.joined(separator: ".")
      if let target = offsets[suffix] {
        bytes += CaptureFrameBuilder.be16(0xC000 | UInt16(target))
        return
      }
      if bytes.count < 0x3FFF { offsets[suffix] = bytes.count }
      let label = Array(labels.removeFirst().utf8.prefix(63))
      bytes.append(UInt8(label.count))
      bytes += label
    }
    bytes.append(0)
  }

  /// Appends an answer record for `owner` with rdata written by `body`.
  mutating func record(
    _ owner: String, type: UInt16, ttl: UInt32, _ body: (inout DNSResponseBuilder) -> Void
  ) {
    name(owner)
    bytes += CaptureFrameBuilder.be16(type) + [0, 1]
    bytes +=
      CaptureFrameBuilder.be16(UInt16(ttl >> 16)) + CaptureFrameBuilder.be16(UInt16(ttl & 0xFFFF))
    let lengthAt = bytes.count
    bytes += [0, 0]
    body(&self)
    let length = bytes.count - lengthAt - 2
    bytes[lengthAt] = UInt8(truncatingIfNeeded: length >> 8)
    bytes[lengthAt + 1] = UInt8(truncatingIfNeeded: length)
  }

  /// Appends a CNAME record.
  mutating func cname(_ owner: String, _ target: String, ttl: UInt32 = 300) {
    record(owner, type: 5, ttl: ttl) { $0.name(target) }
  }

  /// Appends an A (4 bytes) or AAAA (16 bytes) record.
  mutating func address(_ owner: String, _ address: [UInt8], ttl: UInt32 = 300) {
    record(owner, type: address.count == 4 ? 1 : 28, ttl: ttl) { $0.bytes += address }
  }

  /// The message with a TCP length prefix.
  var tcpFramed: [UInt8] {
    CaptureFrameBuilder.be16(UInt16(truncatingIfNeeded: bytes.count)) + bytes
  }
}
