/// How often a profile saw one value of a category, and when first and last.
struct ValueStats: Sendable, Hashable {
  /// Occurrences (saturating).
  var count: UInt32
  /// First seen, nanoseconds since the epoch.
  var firstSeen: Int64
  /// Last seen, nanoseconds since the epoch.
  var lastSeen: Int64
}

/// One category of one profile: the top values by count (keyed by interned id) and the totals
/// Good–Turing needs. `singletons` and `distinct` count evicted values too, so evicting the long
/// tail does not make a category look more settled than it is.
struct CategoryTable: Sendable {
  /// The values kept, by interned id.
  var values: [UInt32: ValueStats] = [:]
  /// Observations of any value.
  var observations: Int = 0
  /// Values seen exactly once.
  var singletons: Int = 0
  /// Distinct values ever seen (kept or evicted).
  var distinct: Int = 0

  /// Counts one more occurrence of a kept value; false when `id` is not in the table.
  @inline(__always)
  mutating func touch(_ id: UInt32, at time: Int64) -> Bool {
    guard let index = values.index(forKey: id) else { return false }
    let count = values.values[index].count
    if count == 1 { singletons -= 1 }
    values.values[index].count = count == .max ? count : count &+ 1
    if time > values.values[index].lastSeen { values.values[index].lastSeen = time }
    observations += 1
    return true
  }

  /// Good–Turing's estimate that the next observation is a value never seen: singletons ÷
  /// observations (1 with no observations).
  var goodTuring: Double {
    observations > 0 ? Double(singletons) / Double(observations) : 1
  }

  /// The smoothed new-value probability used for scoring: (singletons + 1) ÷ (observations +
  /// distinct + 1). Never 0, and smaller the more a category has settled.
  var newValueProbability: Double {
    Double(singletons + 1) / Double(observations + distinct + 1)
  }
}
