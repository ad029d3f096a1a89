/// The scenario suite's seeded generator (SplitMix64): the same seed gives the same cluster
/// history on every platform and run. Never the system generator.
public struct ScenarioRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator seeded with `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `range`.
  public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

  /// True with probability `p`.
  public mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

  /// A count near `mean` (uniform in ±50 %, rounded by chance): traffic varies hour to hour
  /// without a heavy tail.
  public mutating func count(around mean: Double) -> Int {
    guard mean > 0 else { return 0 }
    let value = mean * Double.random(in: 0.5..<1.5, using: &self)
    let whole = value.rounded(.down)
    return Int(whole) + (chance(value - whole) ? 1 : 0)
  }

  /// `count` lower-case letters and digits, for pod and ReplicaSet suffixes.
  public mutating func suffix(_ count: Int) -> String {
    let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
    return String(
      (0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &self)] })
  }

  /// A new generator whose stream is independent of this one's (for a sub-stream such as the
  /// attacks, so that injecting them leaves the benign stream unchanged).
  public static func derived(from seed: UInt64, stream: UInt64) -> ScenarioRandom {
    var mixer = ScenarioRandom(seed: seed ^ (stream &* 0xD6E8_FEB8_6659_FD93))
    return ScenarioRandom(seed: mixer.next())
  }
}
