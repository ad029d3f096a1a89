/// MIDAS-R (Bhatia et al., AAAI 2020): MIDAS with current counts that decay by `decay` per tick
/// instead of resetting (temporal relations), and sketches for the source and destination nodes
/// too: the score is the largest of the edge's, the source's and the destination's χ² scores.
public struct MIDASR: Sendable {
  /// One edge's scores.
  public struct Score: Sendable, Hashable {
    /// The edge's χ² score.
    public var edge: Double
    /// The source node's χ² score.
    public var source: Double
    /// The destination node's χ² score.
    public var destination: Double
    /// The edge's anomaly score: the largest of the three.
    public var value: Double { max(edge, source, destination) }
  }

  /// How much of the current counts survives each tick (the paper: 0.5).
  public let decay: Float
  /// How edges and nodes are hashed (and, for `.reference`, scored like the C++).
  public let hashing: MIDAS.Hashing
  var currentEdge: CountMinSketch
  var totalEdge: CountMinSketch
  var currentSource: CountMinSketch
  var totalSource: CountMinSketch
  var currentDestination: CountMinSketch
  var totalDestination: CountMinSketch
  var origin: Int?
  /// The tick of the latest edge (1 before any edge).
  public private(set) var tick: Int = 1

  /// A detector with `rows` × `buckets` sketches (the paper: 2 × 1024, decay 0.5).
  public init(rows: Int = 2, buckets: Int = 1024, decay: Double = 0.5, seed: UInt64) {
    self.init(rows: rows, buckets: buckets, decay: decay, hashing: .multiplyShift(seed: seed))
  }

  /// A detector with `rows` × `buckets` sketches hashed as `hashing` says; with `.reference`
  /// the edge, source and destination sketches draw their parameters from one glibc `rand()`
  /// sequence in that order, as the C++ constructor does.
  public init(rows: Int = 2, buckets: Int = 1024, decay: Double = 0.5, hashing: MIDAS.Hashing) {
    self.decay = Float(min(max(decay, 0), 1))
    self.hashing = hashing
    // Multiply-shift: one SplitMix64 stream gives each pair of sketches its seed; reference:
    // one glibc rand() stream gives each its parameters, edge then source then destination.
    var seeds = SplitMix64(seed: hashing.multiplyShiftSeed)
    var random = GlibcRandom(seed: hashing.glibcSeed)
    currentEdge = MIDAS.sketch(
      rows: rows, buckets: buckets, hashing: hashing, random: &random, seed: seeds.next())
    currentSource = MIDAS.sketch(
      rows: rows, buckets: buckets, hashing: hashing, random: &random, seed: seeds.next())
    currentDestination = MIDAS.sketch(
      rows: rows, buckets: buckets, hashing: hashing, random: &random, seed: seeds.next())
    totalEdge = currentEdge
    totalSource = currentSource
    totalDestination = currentDestination
  }

  /// The scores of the edge `source → destination` at `time` (ticks of any unit,
  /// non-decreasing), after counting it. Current counts decay by `decay` for every tick passed
  /// (with `.reference` hashing: once per change of tick, as the C++ does).
  public mutating func score(source: UInt64, destination: UInt64, time: Int) -> Score {
    let base = origin ?? time
    if origin == nil { origin = time }
    let now = time - base + 1
    if now > tick {
      var factor: Float = 1
      let steps = hashing.isReference ? 1 : min(now - tick, 64)
      for _ in 0..<steps { factor *= decay }
      currentEdge.scale(by: factor)
      currentSource.scale(by: factor)
      currentDestination.scale(by: factor)
      tick = now
    }
    let t = Double(tick)
    let edge = MIDASR.count(&currentEdge, &totalEdge, source, destination)
    let from = MIDASR.count(&currentSource, &totalSource, source, 0)
    let to = MIDASR.count(&currentDestination, &totalDestination, destination, 0)
    if hashing.isReference {
      let f = Float(tick)
      return Score(
        edge: Double(MIDAS.referenceChiSquared(current: edge.a, total: edge.s, tick: f)),
        source: Double(MIDAS.referenceChiSquared(current: from.a, total: from.s, tick: f)),
        destination: Double(MIDAS.referenceChiSquared(current: to.a, total: to.s, tick: f)))
    }
    return Score(
      edge: MIDAS.chiSquared(current: Double(edge.a), total: Double(edge.s), tick: t),
      source: MIDAS.chiSquared(current: Double(from.a), total: Double(from.s), tick: t),
      destination: MIDAS.chiSquared(current: Double(to.a), total: Double(to.s), tick: t))
  }

  /// Adds one to the key in both sketches (same hashing) and returns both estimates: `a` the
  /// current count, `s` the total.
  @inline(__always)
  static func count(
    _ current: inout CountMinSketch, _ total: inout CountMinSketch, _ first: UInt64,
    _ second: UInt64
  ) -> (a: Float, s: Float) {
    var a = Float.infinity
    var s = Float.infinity
    for row in 0..<current.rows {
      let slot = current.slot(row: row, first, second)
      current.counts[slot] += 1
      total.counts[slot] += 1
      a = min(a, current.counts[slot])
      s = min(s, total.counts[slot])
    }
    return (a, s)
  }
}
