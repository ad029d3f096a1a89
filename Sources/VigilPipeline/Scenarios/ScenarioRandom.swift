import VigilAnomaly

/// The scenario suite's seeded generator (VigilAnomaly's SplitMix64, with the draws the
/// simulator needs): the same seed gives the same cluster history on every platform and run.
/// Never the system generator.
public struct ScenarioRandom: RandomNumberGenerator, Sendable {
  private var core: SplitMix64

  /// A generator seeded with `seed`.
  public init(seed: UInt64) { core = SplitMix64(seed: seed) }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 { core.next() }

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
