/// A count-min sketch (Cormode, Muthukrishnan 2005): `rows` × `buckets` counters; a key adds
/// to one bucket per row and its estimate is the smallest of those, never below the true count
/// (for non-negative additions). Keys are pairs of `UInt64` (an edge, or one id and 0), hashed
/// per row by multiply-add with odd random multipliers, the bucket taken from the high bits
/// (multiply-shift), so there is no division and no dictionary on the hot path.
///
/// A sketch made with `init(rows:buckets:reference:multiplier:)` hashes like the MIDAS authors'
/// code instead (see `CountMinSketch+Reference.swift`), for parity with the published numbers.
public struct CountMinSketch: Sendable {
  /// The number of rows (independent hash functions).
  public let rows: Int
  /// Buckets per row.
  public let buckets: Int
  /// Counters, row after row.
  var counts: [Double]
  /// Per row: the multiplier of the first key, of the second key, and the added constant.
  var parameters: [UInt64]
  /// Per row, when hashing like the MIDAS authors' code: its `a` and `b` (else empty).
  var referenceParameters: [Int32] = []
  /// When hashing like the MIDAS authors' code: the second key's multiplier `m`.
  var referenceMultiplier: Int32 = 0

  /// An empty sketch; sketches made with the same shape and seed hash keys identically.
  public init(rows: Int = 2, buckets: Int = 1024, seed: UInt64) {
    self.rows = max(1, rows)
    self.buckets = max(1, buckets)
    counts = [Double](repeating: 0, count: self.rows * self.buckets)
    var random = SplitMix64(seed: seed)
    parameters = (0..<(3 * self.rows)).map { _ in random.next() | 1 }
  }

  /// The flat counter index of `(first, second)` in `row`.
  @inline(__always)
  func slot(row: Int, _ first: UInt64, _ second: UInt64) -> Int {
    if !referenceParameters.isEmpty { return referenceSlot(row: row, first, second) }
    let base = 3 * row
    let mixed = parameters[base] &* first &+ parameters[base + 1] &* (second &+ 0x9E37_79B9)
    let hash = mixed &+ parameters[base + 2]
    // The high half of hash × buckets: uniform over 0..<buckets when the hash's high bits are.
    return row * buckets
      + Int(truncatingIfNeeded: hash.multipliedFullWidth(by: UInt64(buckets)).high)
  }

  /// Adds `count` to the key `(key, second)`.
  public mutating func add(key: UInt64, second: UInt64 = 0, count: Double = 1) {
    for row in 0..<rows {
      counts[slot(row: row, key, second)] += count
    }
  }

  /// The estimated count of `(key, second)`: at least the true count, at most it plus the
  /// colliding keys' counts.
  public func estimate(key: UInt64, second: UInt64 = 0) -> Double {
    var least = Double.infinity
    for row in 0..<rows {
      least = min(least, counts[slot(row: row, key, second)])
    }
    return least
  }

  /// Multiplies every counter by `factor` (decay).
  public mutating func scale(by factor: Double) {
    counts.withUnsafeMutableBufferPointer { counters in
      for i in counters.indices { counters[i] *= factor }
    }
  }

  /// Sets every counter to zero.
  public mutating func clear() {
    counts.withUnsafeMutableBufferPointer { counters in
      for i in counters.indices { counters[i] = 0 }
    }
  }
}
