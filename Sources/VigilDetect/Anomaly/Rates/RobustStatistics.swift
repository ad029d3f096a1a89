/// Median and median absolute deviation of small samples, for the rate baselines.
enum RobustStatistics {
  /// The median (the mean of the two middle values for an even count); 0 for no values.
  static func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// The median absolute deviation from `center`.
  static func mad(_ values: [Double], around center: Double) -> Double {
    median(values.map { abs($0 - center) })
  }

  /// The median of `values`, sorting them in place (no allocation); 0 for no values.
  static func median(inPlace values: UnsafeMutableBufferPointer<Double>) -> Double {
    guard !values.isEmpty else { return 0 }
    var sorted = values
    sorted.sort()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}
