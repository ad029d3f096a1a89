/// Builds netlink messages with ctnetlink attributes: host-order headers, big-endian payload
/// integers, 4-byte padding, nests flagged `NLA_F_NESTED`. Used by the request encoders, the
/// benchmark and the tests.
struct NetlinkWriter {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

  /// Starts a message; returns its offset for `end(message:)`.
  mutating func beginMessage(type: UInt16, flags: UInt16, sequence: UInt32, family: UInt8?)
    -> Int
  {
    let start = bytes.count
    appendHost(UInt32(0))
    appendHost(type)
    appendHost(flags)
    appendHost(sequence)
    appendHost(UInt32(0))  // port id: the kernel
    if let family {
      bytes.append(family)
      bytes.append(ConntrackWire.nfnetlinkVersion)
      appendBig(UInt16(0))  // res_id
    }
    return start
  }

  /// Writes the message length into the header started at `start`.
  mutating func end(message start: Int) {
    pad()
    setHost(UInt32(bytes.count - start), at: start)
  }

  /// Starts a nested attribute; returns its offset for `end(nest:)`.
  mutating func beginNest(_ type: UInt16) -> Int {
    let start = bytes.count
    appendHost(UInt16(0))
    appendHost(type | ConntrackWire.attributeNested)
    return start
  }

  /// Writes the length of the nest started at `start`.
  mutating func end(nest start: Int) {
    setHost(UInt16(truncatingIfNeeded: bytes.count - start), at: start)
  }

  /// An attribute with raw payload bytes.
  mutating func attribute(_ type: UInt16, _ payload: [UInt8]) {
    appendHost(UInt16(4 + payload.count))
    appendHost(type)
    bytes.append(contentsOf: payload)
    pad()
  }

  mutating func u8(_ type: UInt16, _ value: UInt8) { attribute(type, [value]) }

  mutating func u16(_ type: UInt16, _ value: UInt16) {
    attribute(type, [UInt8(value >> 8), UInt8(truncatingIfNeeded: value)])
  }

  mutating func u32(_ type: UInt16, _ value: UInt32) {
    attribute(type, (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) })
  }

  mutating func u64(_ type: UInt16, _ value: UInt64) {
    attribute(type, (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) })
  }

  /// Raw bytes appended as they are (to build broken input in tests).
  mutating func raw(_ data: [UInt8]) { bytes.append(contentsOf: data) }

  private mutating func pad() {
    while bytes.count % 4 != 0 { bytes.append(0) }
  }

  private mutating func appendHost<T: FixedWidthInteger>(_ value: T) {
    withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
  }

  private mutating func appendBig<T: FixedWidthInteger>(_ value: T) {
    withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
  }

  private mutating func setHost<T: FixedWidthInteger>(_ value: T, at offset: Int) {
    withUnsafeBytes(of: value) { raw in
      for (index, byte) in raw.enumerated() { bytes[offset + index] = byte }
    }
  }
}
