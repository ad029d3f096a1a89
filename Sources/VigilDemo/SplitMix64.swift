/// A small deterministic pseudo-random generator (SplitMix64), so a seed always yields the same log.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator from a seed.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `range`.
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    let width = UInt64(range.upperBound - range.lowerBound) + 1
    return range.lowerBound + Int(next() % width)
  }

  /// A uniform value in [0, 1).
  mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

  /// True with probability `p`.
  mutating func chance(_ p: Double) -> Bool { unit() < p }

  /// One element of a non-empty array.
  mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

  /// A random lowercase hex string of `count` digits.
  mutating func hex(_ count: Int) -> String {
    let digits = Array("0123456789abcdef")
    var out = ""
    for _ in 0..<count { out.append(digits[Int(next() & 0xF)]) }
    return out
  }

  /// A version-4 UUID string, as the API server uses for `auditID` and object UIDs.
  mutating func uuid() -> String {
    let a = hex(8)
    let b = hex(4)
    let c = "4" + hex(3)
    let variant = Array("89ab")[Int(next() & 3)]
    let d = String(variant) + hex(3)
    return "\(a)-\(b)-\(c)-\(d)-\(hex(12))"
  }

  /// A Kubernetes random name suffix (`generateName`): 5 characters from the bsonify alphabet.
  mutating func podSuffix(_ count: Int = 5) -> String {
    let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
    var out = ""
    for _ in 0..<count { out.append(alphabet[Int(next() % UInt64(alphabet.count))]) }
    return out
  }

  /// Milliseconds of server latency drawn from a rough log-normal shape around `typical`.
  mutating func latencyNanos(typicalMillis: Double) -> Int64 {
    let jitter = 0.5 + unit() * unit() * 3
    return Int64(typicalMillis * jitter * 1_000_000) + Int64(int(0...999)) * 1000
  }
}
