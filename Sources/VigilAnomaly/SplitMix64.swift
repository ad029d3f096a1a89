/// A small seeded random number generator (Steele, Lea, Flood: SplitMix64), so every model and
/// test in this module is reproducible from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The generator's state; the next output is a mix of `state` advanced by the golden gamma.
  public private(set) var state: UInt64

  /// A generator starting from `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform value in [0, 1) with 53 random bits.
  public mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform integer in `0..<bound` (`bound` > 0), by multiply-high range reduction.
  public mutating func nextIndex(below bound: Int) -> Int {
    Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(max(1, bound))).high)
  }
}
