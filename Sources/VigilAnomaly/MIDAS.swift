/// MIDAS (Bhatia, Hooi, Yoon, Shin, Faloutsos, AAAI 2020): scores each edge of a stream by how
/// far its count in the current time tick is above its mean count per tick so far, as a χ²
/// statistic with one degree of freedom (above 6.63 ≈ a 1 % false-positive bound).
///
/// Two count-min sketches hold the edge's count in the current tick and in total; the current
/// one is cleared when time moves on. Ticks are counted from the first edge's time (tick 1), as
/// in the reference implementation (whose ticks start at 1).
public struct MIDAS: Sendable {
  /// How edges are hashed (and, for `.reference`, scored like the authors' code).
  public let hashing: Hashing
  var current: CountMinSketch
  var total: CountMinSketch
  /// True when the two sketches hash alike (one slot computation serves both).
  let sharesHashing: Bool
  /// The first edge's time; ticks are `time − origin + 1`.
  var origin: Int?
  /// The tick of the latest edge (1 before any edge).
  public private(set) var tick: Int = 1

  /// A detector with `rows` × `buckets` sketches (the paper: 2 × 1024).
  public init(rows: Int = 2, buckets: Int = 1024, seed: UInt64) {
    self.init(rows: rows, buckets: buckets, hashing: .multiplyShift(seed: seed))
  }

  /// A detector with `rows` × `buckets` sketches hashed as `hashing` says; with `.reference`
  /// the current and then the total sketch draw their own parameters, as the authors' code
  /// constructs them.
  public init(rows: Int = 2, buckets: Int = 1024, hashing: Hashing) {
    self.hashing = hashing
    var random = MSVCRandom(seed: hashing.referenceSeed)
    current = MIDAS.sketch(
      rows: rows, buckets: buckets, hashing: hashing, random: &random,
      seed: hashing.multiplyShiftSeed)
    sharesHashing = !hashing.isReference
    total =
      sharesHashing
      ? current
      : MIDAS.sketch(rows: rows, buckets: buckets, hashing: hashing, random: &random, seed: 0)
  }

  /// The score of the edge `source → destination` at `time` (ticks of any unit, non-decreasing;
  /// an earlier time counts in the current tick), after counting it.
  public mutating func score(source: UInt64, destination: UInt64, time: Int) -> Double {
    let base = origin ?? time
    if origin == nil { origin = time }
    let now = time - base + 1
    if now > tick {
      current.clear()
      tick = now
    }
    let (a, s) = MIDAS.count(&current, &total, sharesHashing, source, destination)
    if hashing.isReference {
      return MIDAS.referenceChiSquared(current: a, total: s, tick: tick)
    }
    return MIDAS.chiSquared(current: a, total: s, tick: Double(tick))
  }

  /// Adds one to the key in both sketches and returns both estimates: `a` the current count,
  /// `s` the total.
  @inline(__always)
  static func count(
    _ current: inout CountMinSketch, _ total: inout CountMinSketch, _ shared: Bool,
    _ first: UInt64, _ second: UInt64
  ) -> (a: Double, s: Double) {
    var a = Double.infinity
    var s = Double.infinity
    for row in 0..<current.rows {
      let slot = current.slot(row: row, first, second)
      let totalSlot = shared ? slot : total.slot(row: row, first, second)
      current.counts[slot] += 1
      total.counts[totalSlot] += 1
      a = min(a, current.counts[slot])
      s = min(s, total.counts[totalSlot])
    }
    return (a, s)
  }

  /// The paper's statistic: (a − s/t)² t² / (s (t − 1)), with 0 when s = 0 or t = 1.
  @inline(__always)
  static func chiSquared(current a: Double, total s: Double, tick t: Double) -> Double {
    guard s > 0, t > 1 else { return 0 }
    let deviation = (a - s / t) * t
    return deviation * deviation / (s * (t - 1))
  }
}
