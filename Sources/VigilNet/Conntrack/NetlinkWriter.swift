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

  // The integer attributes append in place (no payload array): the agent encodes a counter
  // request for every connection that closes.

  mutating func u8(_ type: UInt16, _ value: UInt8) {
    attributeHeader(type, payload: 1)
    bytes.append(value)
    pad()
  }

  mutating func u16(_ type: UInt16, _ value: UInt16) {
    attributeHeader(type, payload: 2)
    appendBig(value)
    pad()
  }

  mutating func u32(_ type: UInt16, _ value: UInt32) {
    attributeHeader(type, payload: 4)
    appendBig(value)
  }

  mutating func u64(_ type: UInt16, _ value: UInt64) {
    attributeHeader(type, payload: 8)
    appendBig(value)
  }

  /// An address attribute: 4 bytes for IPv4, 16 for IPv6 (network order).
  mutating func address(_ type: UInt16, _ address: ConntrackAddress) {
    if address.isIPv6 {
      attributeHeader(type, payload: 16)
      appendBig(address.high)
      appendBig(address.low)
    } else {
      u32(type, UInt32(truncatingIfNeeded: address.low))
    }
  }

  private mutating func attributeHeader(_ type: UInt16, payload: Int) {
    appendHost(UInt16(4 + payload))
    appendHost(type)
  }

  /// Raw bytes appended as they are (to build broken input in tests).
  mutating func raw(_ data: [UInt8]) { bytes.append(contentsOf: data) }

  private mutating func pad() {
    while bytes.count % 4 != 0 { bytes.append(0) }
  }

  // Byte by byte: appending a raw buffer goes through the generic sequence path, which costs
  // more than the few bytes it copies.

  private mutating func appendHost<T: FixedWidthInteger>(_ value: T) {
    withUnsafeBytes(of: value) { raw in
      for byte in raw { bytes.append(byte) }
    }
  }

  private mutating func appendBig<T: FixedWidthInteger>(_ value: T) {
    withUnsafeBytes(of: value.bigEndian) { raw in
      for byte in raw { bytes.append(byte) }
    }
  }

  private mutating func setHost<T: FixedWidthInteger>(_ value: T, at offset: Int) {
    withUnsafeBytes(of: value) { raw in
      for (index, byte) in raw.enumerated() { bytes[offset + index] = byte }
    }
  }
}
