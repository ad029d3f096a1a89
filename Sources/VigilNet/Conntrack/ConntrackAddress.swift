/// An IPv4 or IPv6 address as the kernel sends it, kept as two words so tuples hash and compare
/// cheaply; `text` gives its usual written form.
public struct ConntrackAddress: Sendable, Hashable, CustomStringConvertible {
  /// The first 8 bytes of an IPv6 address (big-endian); 0 for IPv4.
  public var high: UInt64
  /// The last 8 bytes of an IPv6 address, or the IPv4 address in the low 32 bits (big-endian
  /// value, so `10.0.0.1` is `0x0A00_0001`).
  public var low: UInt64
  /// True for IPv6.
  public var isIPv6: Bool

  /// An IPv4 address from its 32-bit value (`0x0A00_0001` is `10.0.0.1`).
  public init(ipv4: UInt32) {
    high = 0
    low = UInt64(ipv4)
    isIPv6 = false
  }

  /// An IPv6 address from its two 64-bit halves (big-endian values).
  public init(ipv6High high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
    isIPv6 = true
  }

  /// Parses `10.0.0.1` or `fd00::1`; nil when it is neither.
  public init?(_ text: String) {
    guard let bytes = CommunityID.addressBytes(text) else { return nil }
    if bytes.count == 4 {
      self.init(ipv4: bytes.reduce(0) { $0 << 8 | UInt32($1) })
    } else {
      let high = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
      let low = bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
      self.init(ipv6High: high, low: low)
    }
  }

  /// The address bytes in network order (4 or 16).
  public var bytes: [UInt8] {
    if !isIPv6 { return (0..<4).map { UInt8(truncatingIfNeeded: low >> (24 - 8 * $0)) } }
    let first = (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
    return first + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
  }

  /// `10.244.1.10`, or RFC 5952 text for IPv6 (`fd00::1`).
  public var text: String {
    guard isIPv6 else { return Self.ipv4Text(UInt32(truncatingIfNeeded: low)) }
    return DNSAddressText.ipv6(bytes[...])
  }

  /// Same as `text`.
  public var description: String { text }

  /// Dotted quad without going through `String(Int)` four times.
  static func ipv4Text(_ value: UInt32) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 15) { out in
      var count = 0
      for shift in stride(from: 24, through: 0, by: -8) {
        let octet = Int(truncatingIfNeeded: value >> UInt32(shift)) & 0xFF
        if octet >= 100 {
          out[count] = UInt8(0x30 + octet / 100)
          count += 1
        }
        if octet >= 10 {
          out[count] = UInt8(0x30 + (octet / 10) % 10)
          count += 1
        }
        out[count] = UInt8(0x30 + octet % 10)
        count += 1
        if shift > 0 {
          out[count] = 0x2E
          count += 1
        }
      }
      return String(decoding: UnsafeBufferPointer(rebasing: out[0..<count]), as: UTF8.self)
    }
  }
}
