extension MIDAS {
  /// How MIDAS and MIDAS-R hash edges and nodes into their count-min sketches.
  public enum Hashing: Sendable, Hashable {
    /// Multiply-shift with odd 64-bit multipliers from SplitMix64 (`seed`): 2-universal, no
    /// division, the default for Vigil. The current and total sketches share their hashing.
    case multiplyShift(seed: UInt64)
    /// Exactly the code behind the authors' published DARPA runs (`MIDASReferenceRuns`):
    /// parameters from the Microsoft C runtime's `rand()` after `srand(seed)`, linear hashing
    /// modulo the bucket count in 32-bit `int` arithmetic with `multiplier` (their code: the
    /// largest source id) for the second key, every sketch with parameters of its own, and
    /// scores computed in `double` as that code does.
    case reference(seed: UInt32, multiplier: Int32)

    /// True for the reference hashing.
    public var isReference: Bool {
      if case .reference = self { return true }
      return false
    }

    /// The seed of multiply-shift hashing (0 for the reference hashing, unused).
    var multiplyShiftSeed: UInt64 {
      if case .multiplyShift(let seed) = self { return seed }
      return 0
    }

    /// The `srand` seed of the reference hashing (1 for multiply-shift, unused).
    var referenceSeed: UInt32 {
      if case .reference(let seed, _) = self { return seed }
      return 1
    }
  }

  /// A sketch hashed as `hashing` says (for the reference hashing, drawing from `random`).
  static func sketch(
    rows: Int, buckets: Int, hashing: Hashing, random: inout MSVCRandom, seed: UInt64
  ) -> CountMinSketch {
    switch hashing {
    case .multiplyShift: CountMinSketch(rows: rows, buckets: buckets, seed: seed)
    case .reference(_, let multiplier):
      CountMinSketch(rows: rows, buckets: buckets, reference: &random, multiplier: multiplier)
    }
  }

  /// The authors' MIDAS score (`anom.cpp`, `midas`): with mean = s / t and
  /// e = (a − mean)², e / mean + e / (mean (t − 1)), in `double`; 0 in the first tick.
  @inline(__always)
  static func referenceChiSquared(current a: Double, total s: Double, tick t: Int) -> Double {
    guard t != 1, s > 0 else { return 0 }
    let mean = s / Double(t)
    let error = (a - mean) * (a - mean)
    return error / mean + error / (mean * Double(t - 1))
  }

  /// The authors' MIDAS-R score of one sketch pair (`anom.cpp`, `counts_to_anom`): the same
  /// statistic with only counts above the mean counting, and t − 1 at least 1.
  @inline(__always)
  static func referenceRelationalChiSquared(current a: Double, total s: Double, tick t: Int)
    -> Double
  {
    guard s > 0 else { return 0 }
    let mean = s / Double(t)
    let above = Swift.max(0, a - mean)
    let error = above * above
    return error / mean + error / (mean * Double(Swift.max(1, t - 1)))
  }
}
