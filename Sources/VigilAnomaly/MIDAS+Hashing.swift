extension MIDAS {
  /// How MIDAS and MIDAS-R hash edges and nodes into their count-min sketches.
  public enum Hashing: Sendable, Hashable {
    /// Multiply-shift with odd 64-bit multipliers from SplitMix64 (`seed`): 2-universal, no
    /// division, the default for Vigil.
    case multiplyShift(seed: UInt64)
    /// Exactly the reference C++ (Stream-AD/MIDAS): parameters from glibc `rand()` after
    /// `srand(seed)`, linear hashing modulo the bucket count in 32-bit `int` arithmetic, and
    /// scores computed in `float` as it does; for parity with the published ROC-AUC.
    case reference(seed: UInt32)
    /// `.reference` with the bucket taken as `abs(hash) % buckets`, as the authors' 2020
    /// experiment code (`CPU/EdgeHash.hpp`, `CPU/NodeHash.hpp`) did.
    case referenceAbsolute(seed: UInt32)

    /// True for the reference hashings.
    public var isReference: Bool {
      switch self {
      case .multiplyShift: false
      case .reference, .referenceAbsolute: true
      }
    }

    /// The seed of multiply-shift hashing (0 for the reference hashings, unused).
    var multiplyShiftSeed: UInt64 {
      if case .multiplyShift(let seed) = self { return seed }
      return 0
    }

    /// The `srand` seed of a reference hashing (1 for multiply-shift, unused).
    var glibcSeed: UInt32 {
      switch self {
      case .multiplyShift: 1
      case .reference(let seed), .referenceAbsolute(let seed): seed
      }
    }
  }

  /// A sketch hashed as `hashing` says (for the reference hashings, drawing from `random`).
  static func sketch(
    rows: Int, buckets: Int, hashing: Hashing, random: inout GlibcRandom, seed: UInt64
  ) -> CountMinSketch {
    switch hashing {
    case .multiplyShift: CountMinSketch(rows: rows, buckets: buckets, seed: seed)
    case .reference: CountMinSketch(rows: rows, buckets: buckets, reference: &random)
    case .referenceAbsolute:
      CountMinSketch(rows: rows, buckets: buckets, reference: &random, magnitude: true)
    }
  }

  /// The reference C++'s score (`NormalCore::ComputeScore`): the same χ² statistic in `float`,
  /// the square and quotient in `double` as `std::pow(float, int)` promotes them, rounded back
  /// to `float`.
  @inline(__always)
  static func referenceChiSquared(current a: Float, total s: Float, tick t: Float) -> Float {
    guard s != 0, t - 1 != 0 else { return 0 }
    let deviation = Double((a - s / t) * t)
    return Float(deviation * deviation / Double(s * (t - 1)))
  }
}
