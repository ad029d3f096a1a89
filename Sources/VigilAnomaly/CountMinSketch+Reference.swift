/// Hashing exactly like the code behind the MIDAS authors' published DARPA runs (Stream-AD/MIDAS
/// `edgehash.cpp` and `nodehash.cpp`): per row `a = rand() % (buckets − 1) + 1` and
/// `b = rand() % buckets`, and the bucket of `(x, y)` is `((x + m · y) · a + b) mod buckets`
/// in 32-bit `int` arithmetic (wrapping on overflow, as the compiled C++ does), a negative
/// remainder moved up by `buckets`. `m` is the largest source id of the stream; a node sketch
/// hashes `(x, 0)`, which is its `x · a + b`.
extension CountMinSketch {
  /// An empty sketch hashing like the authors' code, its parameters drawn from `random` row
  /// after row (`a`, then `b`), with `multiplier` as the second key's multiplier `m`.
  public init(
    rows: Int = 2, buckets: Int = 1024, reference random: inout MSVCRandom, multiplier: Int32
  ) {
    self.init(rows: rows, buckets: min(max(buckets, 2), Int(Int32.max)), seed: 0)
    let width = Int32(self.buckets)
    var drawn: [Int32] = []
    drawn.reserveCapacity(2 * self.rows)
    for _ in 0..<self.rows {
      drawn.append(random.next() % (width - 1) + 1)
      drawn.append(random.next() % width)
    }
    referenceParameters = drawn
    referenceMultiplier = multiplier
  }

  /// The flat counter index of `(first, second)` in `row`, the authors' way (ids truncated to
  /// 32-bit `int` as their code reads them).
  @inline(__always)
  func referenceSlot(row: Int, _ first: UInt64, _ second: UInt64) -> Int {
    let x = Int32(truncatingIfNeeded: first)
    let y = Int32(truncatingIfNeeded: second)
    let key = x &+ referenceMultiplier &* y
    let hash = key &* referenceParameters[2 * row] &+ referenceParameters[2 * row + 1]
    // Int32 % never traps here: the divisor is ≥ 2.
    let remainder = Int(hash % Int32(truncatingIfNeeded: buckets))
    return row * buckets + (remainder < 0 ? remainder + buckets : remainder)
  }
}
