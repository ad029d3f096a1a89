/// The area under the ROC curve: the chance that a random anomaly scores above a random normal
/// point (ties count half), computed from ranks (Mann–Whitney U) in O(n log n).
public enum ROCAUC {
  /// The ROC-AUC of `scores` (higher = more anomalous) against `labels` (true = anomaly), tied
  /// scores sharing their average rank, so constant scores give 0.5. NaN scores rank lowest.
  /// Returns NaN when either class is empty; extra scores or labels beyond the shorter are
  /// ignored.
  public static func compute(scores: [Double], labels: [Bool]) -> Double {
    let n = min(scores.count, labels.count)
    var order = [Int32](unsafeUninitializedCapacity: n) { buffer, count in
      for i in 0..<n { buffer[i] = Int32(truncatingIfNeeded: i) }
      count = n
    }
    let keys = scores.prefix(n).map { $0.isNaN ? -Double.infinity : $0 }
    keys.withUnsafeBufferPointer { key in
      order.sort { key[Int($0)] < key[Int($1)] }
    }
    var positives = 0.0
    var positiveRankSum = 0.0
    var i = 0
    while i < n {
      var j = i
      while j + 1 < n && keys[Int(order[j + 1])] == keys[Int(order[i])] { j += 1 }
      // Ranks i+1 … j+1 share their average.
      let rank = Double(i + j + 2) / 2
      for k in i...j where labels[Int(order[k])] {
        positives += 1
        positiveRankSum += rank
      }
      i = j + 1
    }
    let negatives = Double(n) - positives
    guard positives > 0, negatives > 0 else { return .nan }
    return (positiveRankSum - positives * (positives + 1) / 2) / (positives * negatives)
  }

  /// `compute(scores:labels:)` with labels as bytes (non-zero = anomaly).
  public static func compute(scores: [Double], labels: [UInt8]) -> Double {
    compute(scores: scores, labels: labels.map { $0 != 0 })
  }
}
