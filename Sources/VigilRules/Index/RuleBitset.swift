/// A fixed-size set of rule positions.
struct RuleBitset: Sendable, Hashable {
  /// 64 rules per word.
  private(set) var words: [UInt64]

  /// An empty set for `count` rules.
  init(count: Int) {
    words = Array(repeating: 0, count: (count + 63) / 64)
  }

  /// Adds a rule position.
  mutating func insert(_ i: Int) {
    words[i >> 6] |= 1 << UInt64(i & 63)
  }

  /// True when the position is in the set.
  func contains(_ i: Int) -> Bool {
    words[i >> 6] & (1 << UInt64(i & 63)) != 0
  }

  /// The intersection.
  func intersection(_ other: RuleBitset) -> RuleBitset {
    var copy = self
    for k in copy.words.indices { copy.words[k] &= other.words[k] }
    return copy
  }

  /// In-place intersection.
  mutating func formIntersection(_ other: RuleBitset) {
    for k in words.indices { words[k] &= other.words[k] }
  }

  /// Calls `body` for each position in ascending order.
  func forEach(_ body: (Int) -> Void) {
    for (k, word) in words.enumerated() {
      var w = word
      while w != 0 {
        let bit = w.trailingZeroBitCount
        body(k << 6 | bit)
        w &= w - 1
      }
    }
  }
}
