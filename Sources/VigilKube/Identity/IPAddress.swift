/// An IPv4 or IPv6 address as a 128-bit integer (IPv4 mapped into `::ffff:0:0/96`), so that
/// lookups hash and compare two integers, never text.
public struct IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The upper 64 bits.
  public var high: UInt64
  /// The lower 64 bits.
  public var low: UInt64

  /// Creates an address from its two halves.
  public init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// Creates the IPv4 address `value` (network byte order as an integer: 10.0.0.1 is 0x0A000001).
  public init(ipv4 value: UInt32) {
    self.init(high: 0, low: 0xFFFF_0000_0000 | UInt64(value))
  }

  /// Whether this is an IPv4 address (mapped into `::ffff:0:0/96`).
  public var isIPv4: Bool { high == 0 && low >> 32 == 0xFFFF }

  /// The IPv4 value when `isIPv4`.
  public var ipv4: UInt32? { isIPv4 ? UInt32(truncatingIfNeeded: low) : nil }

  /// Ordered as 128-bit unsigned integers.
  public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
    (lhs.high, lhs.low) < (rhs.high, rhs.low)
  }

  /// Hashes both halves mixed into one word (cheaper than hashing two).
  public func hash(into hasher: inout Hasher) {
    hasher.combine(high &* 0x9E37_79B9_7F4A_7C15 ^ low)
  }

  /// Dotted quad for IPv4, RFC 5952 text for IPv6 (`fd00::1`).
  public var description: String {
    if let v4 = ipv4 {
      return "\(v4 >> 24).\(v4 >> 16 & 0xFF).\(v4 >> 8 & 0xFF).\(v4 & 0xFF)"
    }
    var groups: [UInt16] = []
    for shift in stride(from: 48, through: 0, by: -16) {
      groups.append(UInt16(truncatingIfNeeded: high >> UInt64(shift)))
    }
    for shift in stride(from: 48, through: 0, by: -16) {
      groups.append(UInt16(truncatingIfNeeded: low >> UInt64(shift)))
    }
    // The longest run (at least 2) of zero groups becomes `::`.
    var bestStart = -1
    var bestLength = 1
    var i = 0
    while i < 8 {
      if groups[i] == 0 {
        var j = i
        while j < 8, groups[j] == 0 { j += 1 }
        if j - i > bestLength {
          bestStart = i
          bestLength = j - i
        }
        i = j
      } else {
        i += 1
      }
    }
    func hex(_ range: Range<Int>) -> String {
      groups[range].map { String($0, radix: 16) }.joined(separator: ":")
    }
    if bestStart < 0 { return hex(0..<8) }
    return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
  }
}
