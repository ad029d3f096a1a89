/// A CIDR block (`10.244.0.0/16`, `fd00:10:96::/112`); IPv4 prefixes count within the IPv4 space.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
  /// The first address of the block (host bits cleared).
  public var address: IPAddress
  /// The prefix length: 0–32 for IPv4, 0–128 for IPv6.
  public var prefixLength: Int

  /// Creates a block, clearing the host bits of `address`; nil if the prefix is out of range.
  public init?(address: IPAddress, prefixLength: Int) {
    let limit = address.isIPv4 ? 32 : 128
    guard prefixLength >= 0, prefixLength <= limit else { return nil }
    let bits = address.isIPv4 ? prefixLength + 96 : prefixLength
    let (maskHigh, maskLow) = IPNetwork.mask(bits)
    self.address = IPAddress(high: address.high & maskHigh, low: address.low & maskLow)
    self.prefixLength = prefixLength
  }

  /// Parses `10.244.0.0/16`; a bare address is a single-address block. Nil if malformed.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count <= 2, let address = IPAddress(String(parts[0])) else { return nil }
    let limit = address.isIPv4 ? 32 : 128
    var length = limit
    if parts.count == 2 {
      guard let parsed = Int(parts[1]) else { return nil }
      length = parsed
    }
    self.init(address: address, prefixLength: length)
  }

  /// Whether `ip` lies in the block (an IPv4 block never contains IPv6 addresses).
  @inline(__always)
  public func contains(_ ip: IPAddress) -> Bool {
    let bits = address.isIPv4 ? prefixLength + 96 : prefixLength
    let (maskHigh, maskLow) = IPNetwork.mask(bits)
    return ip.high & maskHigh == address.high && ip.low & maskLow == address.low
  }

  /// `10.244.0.0/16`.
  public var description: String { "\(address)/\(prefixLength)" }

  /// The 128-bit mask with the top `bits` bits set, as two halves.
  @inline(__always)
  static func mask(_ bits: Int) -> (UInt64, UInt64) {
    if bits <= 0 { return (0, 0) }
    if bits >= 128 { return (.max, .max) }
    if bits <= 64 { return (~UInt64(0) << UInt64(64 - bits), 0) }
    return (.max, ~UInt64(0) << UInt64(128 - bits))
  }

  /// The longest block containing both `a` and `b` (same family), or nil for mixed families.
  static func commonBlock(_ a: IPAddress, _ b: IPAddress) -> IPNetwork? {
    guard a.isIPv4 == b.isIPv4 else { return nil }
    let x = (a.high ^ b.high, a.low ^ b.low)
    let common = x.0 != 0 ? x.0.leadingZeroBitCount : 64 + x.1.leadingZeroBitCount
    let length = a.isIPv4 ? common - 96 : common
    return IPNetwork(address: a, prefixLength: max(0, length))
  }
}
