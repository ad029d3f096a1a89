/// Hashing exactly like the MIDAS reference C++ (Stream-AD/MIDAS `src/CountMinSketch.hpp`):
/// per row `param1 = rand() + 1`, `param2 = rand()` drawn from glibc `rand()`, and the bucket of
/// `(a, b)` is `((a + 104729 · b) · param1 + param2) mod buckets` in 32-bit `int` arithmetic
/// (wrapping on overflow, as the compiled C++ does), a negative remainder moved up by `buckets`.
extension CountMinSketch {
  /// The reference's constant multiplier of the second key (a prime).
  static let referenceMagic: Int32 = 104_729

  /// An empty sketch hashing like the reference C++, its parameters drawn from `random` in the
  /// reference's order (`param1`, `param2`, row after row).
  public init(
    rows: Int = 2, buckets: Int = 1024, reference random: inout GlibcRandom,
    magnitude: Bool = false
  ) {
    self.init(rows: rows, buckets: min(buckets, Int(Int32.max)), seed: 0)
    var drawn: [Int32] = []
    drawn.reserveCapacity(2 * self.rows)
    for _ in 0..<self.rows {
      // `rand() + 1` overflows to Int32.min when rand() returns RAND_MAX, as in the C++.
      drawn.append(random.next() &+ 1)
      drawn.append(random.next())
    }
    referenceParameters = drawn
    referenceTakesMagnitude = magnitude
  }

  /// The flat counter index of `(first, second)` in `row`, the reference's way (ids truncated
  /// to 32-bit `int` as the reference reads them).
  @inline(__always)
  func referenceSlot(row: Int, _ first: UInt64, _ second: UInt64) -> Int {
    let a = Int32(truncatingIfNeeded: first)
    let b = Int32(truncatingIfNeeded: second)
    let key = a &+ CountMinSketch.referenceMagic &* b
    let hash = key &* referenceParameters[2 * row] &+ referenceParameters[2 * row + 1]
    // Int32 % never traps here: the divisor is ≥ 1.
    if referenceTakesMagnitude {
      // abs(INT_MIN) is INT_MIN in the compiled C++; its remainder is ≤ 0.
      let magnitude = hash == Int32.min ? hash : abs(hash)
      let remainder = Int(magnitude % Int32(truncatingIfNeeded: buckets))
      return row * buckets + (remainder < 0 ? remainder + buckets : remainder)
    }
    let remainder = Int(hash % Int32(truncatingIfNeeded: buckets))
    return row * buckets + (remainder < 0 ? remainder + buckets : remainder)
  }
}
