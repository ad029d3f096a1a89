#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A streaming quantile of non-negative scores from a fixed log-scale histogram (2048 bins
/// over log2(1 + score) in 0…64): constant memory, O(1) updates, a quantile to within one bin
/// (about 3 % relative error).
public struct ScoreQuantile: Sendable {
  var bins: [Int]
  /// Scores counted so far.
  public private(set) var count: Int = 0
  static let binCount = 2048
  static let binsPerUnit = 32.0

  /// An empty histogram.
  public init() { bins = [Int](repeating: 0, count: ScoreQuantile.binCount) }

  /// The bin of `score`.
  static func bin(_ score: Double) -> Int {
    let position = log2(1 + max(0, score)) * binsPerUnit
    guard position.isFinite else { return binCount - 1 }
    return min(binCount - 1, Int(position))
  }

  /// Counts `score`.
  public mutating func add(_ score: Double) {
    bins[ScoreQuantile.bin(score)] += 1
    count += 1
  }

  /// The smallest score with at least the fraction `q` of counted scores at or below it (the
  /// upper edge of its bin); nil before anything is counted.
  public func quantile(_ q: Double) -> Double? {
    guard count > 0 else { return nil }
    let target = max(1, Int((min(max(q, 0), 1) * Double(count)).rounded(.up)))
    var seen = 0
    for (index, n) in bins.enumerated() {
      seen += n
      if seen >= target { return exp2(Double(index + 1) / ScoreQuantile.binsPerUnit) - 1 }
    }
    return nil
  }
}
