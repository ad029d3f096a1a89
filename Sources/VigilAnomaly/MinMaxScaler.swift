/// Streaming min–max scaling: each feature is mapped to [0, 1] by the smallest and largest value
/// seen so far (values outside the seen range map outside [0, 1]; a constant feature maps to 0).
public struct MinMaxScaler: Sendable {
  /// Smallest value seen per feature (`+infinity` before the first `learn`).
  public private(set) var minimums: [Double]
  /// Largest value seen per feature (`-infinity` before the first `learn`).
  public private(set) var maximums: [Double]

  /// A scaler for vectors of `dimensions` features that has seen nothing.
  public init(dimensions: Int) {
    minimums = Array(repeating: .infinity, count: max(0, dimensions))
    maximums = Array(repeating: -.infinity, count: max(0, dimensions))
  }

  /// The number of features.
  public var dimensions: Int { minimums.count }

  /// Widens the ranges to include `x` (extra features are ignored, missing ones left alone).
  public mutating func learn(_ x: [Double]) {
    for i in 0..<min(x.count, minimums.count) where x[i].isFinite {
      if x[i] < minimums[i] { minimums[i] = x[i] }
      if x[i] > maximums[i] { maximums[i] = x[i] }
    }
  }

  /// `x` scaled by the ranges seen so far.
  public func transform(_ x: [Double]) -> [Double] {
    var out = x
    for i in 0..<min(x.count, minimums.count) {
      let span = maximums[i] - minimums[i]
      out[i] = span > 0 && span.isFinite ? (x[i] - minimums[i]) / span : 0
    }
    return out
  }

  /// Learns `x`, then returns it scaled (River's `learn_one` then `transform_one`).
  public mutating func learnThenTransform(_ x: [Double]) -> [Double] {
    learn(x)
    return transform(x)
  }

  /// The ranges seen so far, one per feature (a feature never seen gets `0...0`).
  public var ranges: [ClosedRange<Double>] {
    zip(minimums, maximums).map { low, high in low <= high ? low...high : 0...0 }
  }
}
