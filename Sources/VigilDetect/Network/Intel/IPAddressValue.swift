/// An IPv4 or IPv6 address as two integers (IPv4 in the low 32 bits), parsed straight from text
/// bytes with no allocation, so a flow's addresses can be looked up at flow rate. IPv4-mapped
/// IPv6 addresses (`::ffff:198.51.100.7`) read as IPv4.
public struct IPAddressValue: Sendable, Hashable {
  /// The upper 64 bits (0 for IPv4).
  public var high: UInt64
  /// The lower 64 bits (the address itself for IPv4).
  public var low: UInt64
  /// Whether it is an IPv6 address.
  public var isIPv6: Bool

  /// Creates an address from its bits.
  public init(high: UInt64, low: UInt64, isIPv6: Bool) {
    self.high = high
    self.low = low
    self.isIPv6 = isIPv6
  }

  /// The number of bits in the address: 32 or 128.
  public var bitWidth: Int { isIPv6 ? 128 : 32 }

  /// Parses `198.51.100.7` or `2001:db8::1`; nil if it is neither.
  public init?(_ text: String) {
    var text = text
    guard let value = text.withUTF8({ IPAddressValue(utf8: $0) }) else { return nil }
    self = value
  }

  /// Parses the address in `bytes` (the whole buffer); nil if it is not one.
  public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    guard !bytes.isEmpty, bytes.count <= 45 else { return nil }
    var hasColon = false
    for byte in bytes where byte == UInt8(ascii: ":") {
      hasColon = true
      break
    }
    if hasColon {
      guard let (high, low) = Self.parseIPv6(bytes) else { return nil }
      if high == 0, low >> 32 == 0xFFFF {
        self.init(high: 0, low: low & 0xFFFF_FFFF, isIPv6: false)
      } else {
        self.init(high: high, low: low, isIPv6: true)
      }
    } else {
      guard let value = Self.parseIPv4(bytes, from: 0, to: bytes.count) else { return nil }
      self.init(high: 0, low: UInt64(value), isIPv6: false)
    }
  }

  /// The address with all but the first `prefix` bits cleared.
  public func masked(to prefix: Int) -> IPAddressValue {
    if isIPv6 {
      let p = max(0, min(128, prefix))
      let highMask: UInt64 = p >= 64 ? .max : (p == 0 ? 0 : ~(UInt64.max >> UInt64(p)))
      let lowMask: UInt64 = p <= 64 ? 0 : (p == 128 ? .max : ~(UInt64.max >> UInt64(p - 64)))
      return IPAddressValue(high: high & highMask, low: low & lowMask, isIPv6: true)
    }
    let p = max(0, min(32, prefix))
    let mask: UInt64 = p == 0 ? 0 : (0xFFFF_FFFF << UInt64(32 - p)) & 0xFFFF_FFFF
    return IPAddressValue(high: 0, low: low & mask, isIPv6: false)
  }

  /// Dotted quad of `bytes[from..<to]`.
  static func parseIPv4(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> UInt32? {
    var value: UInt32 = 0
    var part: UInt32 = 0
    var digits = 0
    var parts = 0
    var i = from
    while i < to {
      let byte = bytes[i]
      if byte >= 0x30 && byte <= 0x39 {
        // No leading zeros beyond a lone 0 (`010` is octal to some readers): refuse it.
        if digits == 1 && part == 0 { return nil }
        part = part * 10 + UInt32(byte - 0x30)
        digits += 1
        if digits > 3 || part > 255 { return nil }
      } else if byte == UInt8(ascii: ".") {
        guard digits > 0, parts < 3 else { return nil }
        value = value << 8 | part
        parts += 1
        part = 0
        digits = 0
      } else {
        return nil
      }
      i += 1
    }
    guard digits > 0, parts == 3 else { return nil }
    return value << 8 | part
  }

  /// Eight 16-bit groups with one optional `::` and an optional trailing dotted quad.
  static func parseIPv6(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
    var groups = (
      UInt16(0), UInt16(0), UInt16(0), UInt16(0), UInt16(0), UInt16(0), UInt16(0), UInt16(0)
    )
    var count = 0
    var gapAt = -1
    var i = 0
    let n = bytes.count
    func set(_ index: Int, _ value: UInt16) {
      withUnsafeMutableBytes(of: &groups) { raw in
        raw.storeBytes(of: value, toByteOffset: index * 2, as: UInt16.self)
      }
    }
    if n >= 2, bytes[0] == UInt8(ascii: ":") {
      guard bytes[1] == UInt8(ascii: ":") else { return nil }
      gapAt = 0
      i = 2
    }
    while i < n {
      guard count < 8 else { return nil }
      // A group, or a dotted quad at the end.
      var j = i
      var value: UInt32 = 0
      var sawDot = false
      while j < n, bytes[j] != UInt8(ascii: ":") {
        let byte = bytes[j]
        if byte == UInt8(ascii: ".") { sawDot = true }
        j += 1
      }
      if sawDot {
        guard j == n, count <= 6, let quad = parseIPv4(bytes, from: i, to: j) else { return nil }
        set(count, UInt16(quad >> 16))
        set(count + 1, UInt16(truncatingIfNeeded: quad))
        count += 2
        i = j
        break
      }
      guard j > i, j - i <= 4 else { return nil }
      for k in i..<j {
        let byte = bytes[k]
        let digit: UInt32
        switch byte {
        case 0x30...0x39: digit = UInt32(byte - 0x30)
        case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
        case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
        default: return nil
        }
        value = value << 4 | digit
      }
      set(count, UInt16(value))
      count += 1
      i = j
      if i < n {
        // At a colon: one more group follows, or a `::`.
        i += 1
        if i < n, bytes[i] == UInt8(ascii: ":") {
          guard gapAt < 0 else { return nil }
          gapAt = count
          i += 1
        } else if i == n {
          return nil
        }
      }
    }
    var words = [UInt16](repeating: 0, count: 8)
    withUnsafeBytes(of: &groups) { raw in
      for k in 0..<8 { words[k] = raw.load(fromByteOffset: k * 2, as: UInt16.self) }
    }
    if gapAt >= 0 {
      guard count < 8 else { return nil }
      let tail = count - gapAt
      var out = [UInt16](repeating: 0, count: 8)
      for k in 0..<gapAt { out[k] = words[k] }
      for k in 0..<tail { out[8 - tail + k] = words[gapAt + k] }
      words = out
    } else {
      guard count == 8 else { return nil }
    }
    var high: UInt64 = 0
    var low: UInt64 = 0
    for k in 0..<4 { high = high << 16 | UInt64(words[k]) }
    for k in 4..<8 { low = low << 16 | UInt64(words[k]) }
    return (high, low)
  }
}
