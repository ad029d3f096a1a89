/// glibc's `rand()` after `srand(seed)` (the default TYPE_3 generator: an additive lagged
/// Fibonacci generator, r[i] = r[i−3] + r[i−31] mod 2³², output r[i] >> 1, its 34-word state
/// seeded by the Park–Miller LCG and warmed up by 310 draws), so models that replicate a C or
/// C++ reference draw the same parameters as the reference binary built with glibc.
///
/// Without `srand`, glibc behaves as after `srand(1)`.
public struct GlibcRandom: Sendable {
  /// The last 34 outputs of the recurrence (a ring buffer), as unsigned 32-bit words.
  var ring: [UInt32]
  /// The ring index of the oldest word (the next one overwritten).
  var position = 0

  /// The largest value `next()` returns (glibc's `RAND_MAX`, 2³¹ − 1).
  public static let max: Int32 = 2_147_483_647

  /// The generator after `srand(seed)`.
  public init(seed: UInt32) {
    var state = [Int32](repeating: 0, count: 34)
    // glibc: the seed is stored as a signed int; 0 is replaced by 1.
    state[0] = seed == 0 ? 1 : Int32(bitPattern: seed)
    for i in 1..<31 {
      // 16807 × r mod (2³¹ − 1) by Schrage's method, on signed values as glibc does.
      let word = Int64(state[i - 1])
      let high = word / 127_773
      let low = word % 127_773
      var next = 16_807 * low - 2_836 * high
      if next < 0 { next += 2_147_483_647 }
      state[i] = Int32(truncatingIfNeeded: next)
    }
    for i in 31..<34 { state[i] = state[i - 31] }
    ring = state.map { UInt32(bitPattern: $0) }
    // glibc discards the first 310 outputs (10 × 31).
    for _ in 0..<310 { _ = step() }
  }

  /// The next `rand()` value, in 0…2³¹ − 1.
  public mutating func next() -> Int32 {
    Int32(bitPattern: step() >> 1)
  }

  /// Appends r[i] = r[i − 31] + r[i − 3] and returns it.
  mutating func step() -> UInt32 {
    // With 34 words in the ring, r[i − 34] sits at `position`: r[i − 31] is 3 after it and
    // r[i − 3] is 31 after it.
    let value = ring[(position + 3) % 34] &+ ring[(position + 31) % 34]
    ring[position] = value
    position = (position + 1) % 34
    return value
  }
}
