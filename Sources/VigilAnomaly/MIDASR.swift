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
    self.decay = Float(min(max(decay, 0), 1))
    var random = SplitMix64(seed: seed)
    currentEdge = CountMinSketch(rows: rows, buckets: buckets, seed: random.next())
    totalEdge = currentEdge
    currentSource = CountMinSketch(rows: rows, buckets: buckets, seed: random.next())
    totalSource = currentSource
    currentDestination = CountMinSketch(rows: rows, buckets: buckets, seed: random.next())
    totalDestination = currentDestination
  }

  /// The scores of the edge `source → destination` at `time` (ticks of any unit,
  /// non-decreasing), after counting it. Current counts decay by `decay` for every tick passed.
  public mutating func score(source: UInt64, destination: UInt64, time: Int) -> Score {
    let base = origin ?? time
    if origin == nil { origin = time }
    let now = time - base + 1
    if now > tick {
      var factor: Float = 1
      for _ in 0..<min(now - tick, 64) { factor *= decay }
      currentEdge.scale(by: factor)
      currentSource.scale(by: factor)
      currentDestination.scale(by: factor)
      tick = now
    }
    let t = Double(tick)
    let edge = MIDASR.count(&currentEdge, &totalEdge, source, destination)
    let from = MIDASR.count(&currentSource, &totalSource, source, 0)
    let to = MIDASR.count(&currentDestination, &totalDestination, destination, 0)
    return Score(
      edge: MIDAS.chiSquared(current: edge.current, total: edge.total, tick: t),
      source: MIDAS.chiSquared(current: from.current, total: from.total, tick: t),
      destination: MIDAS.chiSquared(current: to.current, total: to.total, tick: t))
  }

  /// Adds one to the key in both sketches (same hashing) and returns both estimates.
  @inline(__always)
  static func count(
    _ current: inout CountMinSketch, _ total: inout CountMinSketch, _ first: UInt64,
    _ second: UInt64
  ) -> (current: Double, total: Double) {
    var a = Float.infinity
    var s = Float.infinity
    for row in 0..<current.rows {
      let slot = current.slot(row: row, first, second)
      current.counts[slot] += 1
      total.counts[slot] += 1
      a = min(a, current.counts[slot])
      s = min(s, total.counts[slot])
    }
    return (Double(a), Double(s))
  }
}
