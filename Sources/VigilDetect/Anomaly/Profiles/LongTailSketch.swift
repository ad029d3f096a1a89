/// A count-min sketch (conservative update) for the values a profile evicted from its top-K
/// tables, so a value that returns is "seen before, rarely" instead of new. Four rows of 1,024
/// 32-bit counters (16 KiB), allocated only for profiles that evicted something; with a few
/// hundred evicted values the chance that an unseen value collides in every row stays under
/// 0.5 %. Hashes are FNV-1a 64 over the category and the value's UTF-8, the same in every
/// process, so a sketch survives a snapshot.
struct LongTailSketch: Sendable, Hashable {
  /// Rows.
  static let depth = 4
  /// Counters per row (a power of two).
  static let width = 1024

  /// `depth × width` counters, row after row.
  private(set) var counters: [UInt32]

  /// An empty sketch.
  init() { counters = Array(repeating: 0, count: Self.depth * Self.width) }

  /// A sketch with the given counters (from a snapshot); nil when the size is wrong.
  init?(counters: [UInt32]) {
    guard counters.count == Self.depth * Self.width else { return nil }
    self.counters = counters
  }

  /// The stable hash of a category's value.
  static func hash(_ value: String, category: Int) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: category)
    hash = hash &* 0x0000_0100_0000_01b3
    var value = value
    return value.withUTF8 { bytes in
      var h = hash
      for byte in bytes {
        h ^= UInt64(byte)
        h = h &* 0x0000_0100_0000_01b3
      }
      return h
    }
  }

  /// The counter index in `row` for `hash` (double hashing).
  @inline(__always)
  private static func index(_ hash: UInt64, row: Int) -> Int {
    let h1 = hash
    let h2 = (hash &>> 32) | 1
    let column = Int(truncatingIfNeeded: (h1 &+ UInt64(row) &* h2) & UInt64(width - 1))
    return row * width + column
  }

  /// Adds `count` occurrences (conservative update: only the smallest counters grow).
  mutating func add(_ hash: UInt64, count: UInt32) {
    let target = estimate(hash).addingReportingOverflow(count)
    let value = target.overflow ? UInt32.max : target.partialValue
    for row in 0..<Self.depth {
      let i = Self.index(hash, row: row)
      if counters[i] < value { counters[i] = value }
    }
  }

  /// The estimated count (never below the true count; 0 means never added).
  func estimate(_ hash: UInt64) -> UInt32 {
    var smallest = UInt32.max
    for row in 0..<Self.depth { smallest = min(smallest, counters[Self.index(hash, row: row)]) }
    return smallest
  }
}
