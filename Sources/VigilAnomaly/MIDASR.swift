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

  /// How much of the current counts survives each tick (the authors' runs: 0.6).
  public let decay: Double
  /// How edges and nodes are hashed (and, for `.reference`, scored like the authors' code).
  public let hashing: MIDAS.Hashing
  var currentEdge: CountMinSketch
  var totalEdge: CountMinSketch
  var currentSource: CountMinSketch
  var totalSource: CountMinSketch
  var currentDestination: CountMinSketch
  var totalDestination: CountMinSketch
  /// True when each current sketch hashes like its total (one slot computation serves both).
  let sharesHashing: Bool
  var origin: Int?
  /// The tick of the latest edge (1 before any edge).
  public private(set) var tick: Int = 1

  /// A detector with `rows` × `buckets` sketches (the paper: 2 × 1024).
  public init(rows: Int = 2, buckets: Int = 1024, decay: Double = 0.6, seed: UInt64) {
    self.init(rows: rows, buckets: buckets, decay: decay, hashing: .multiplyShift(seed: seed))
  }

  /// A detector with `rows` × `buckets` sketches hashed as `hashing` says. Multiply-shift: one
  /// SplitMix64 stream seeds the edge, source and destination sketches, each current sketch
  /// shared with its total. Reference: every sketch draws its own parameters from one `rand()`
  /// stream in the authors' order (current edge, total edge, current source, current
  /// destination, total source, total destination).
  public init(rows: Int = 2, buckets: Int = 1024, decay: Double = 0.6, hashing: MIDAS.Hashing) {
    self.decay = min(max(decay, 0), 1)
    self.hashing = hashing
    var seeds = SplitMix64(seed: hashing.multiplyShiftSeed)
    var random = MSVCRandom(seed: hashing.referenceSeed)
    func make() -> CountMinSketch {
      MIDAS.sketch(
        rows: rows, buckets: buckets, hashing: hashing, random: &random, seed: seeds.next())
    }
    sharesHashing = !hashing.isReference
    if sharesHashing {
      currentEdge = make()
      currentSource = make()
      currentDestination = make()
      totalEdge = currentEdge
      totalSource = currentSource
      totalDestination = currentDestination
    } else {
      currentEdge = make()
      totalEdge = make()
      currentSource = make()
      currentDestination = make()
      totalSource = make()
      totalDestination = make()
    }
  }

  /// The scores of the edge `source → destination` at `time` (ticks of any unit,
  /// non-decreasing), after counting it. Current counts decay by `decay` for every tick passed
  /// (with `.reference` hashing: once per change of tick, as the authors' code does).
  public mutating func score(source: UInt64, destination: UInt64, time: Int) -> Score {
    let base = origin ?? time
    if origin == nil { origin = time }
    let now = time - base + 1
    if now > tick {
      var factor = 1.0
      let steps = hashing.isReference ? 1 : min(now - tick, 64)
      for _ in 0..<steps { factor *= decay }
      currentEdge.scale(by: factor)
      currentSource.scale(by: factor)
      currentDestination.scale(by: factor)
      tick = now
    }
    let shared = sharesHashing
    let edge = MIDAS.count(&currentEdge, &totalEdge, shared, source, destination)
    let from = MIDAS.count(&currentSource, &totalSource, shared, source, 0)
    let to = MIDAS.count(&currentDestination, &totalDestination, shared, destination, 0)
    if hashing.isReference {
      return Score(
        edge: MIDAS.referenceRelationalChiSquared(current: edge.a, total: edge.s, tick: tick),
        source: MIDAS.referenceRelationalChiSquared(current: from.a, total: from.s, tick: tick),
        destination: MIDAS.referenceRelationalChiSquared(current: to.a, total: to.s, tick: tick))
    }
    let t = Double(tick)
    return Score(
      edge: MIDAS.chiSquared(current: edge.a, total: edge.s, tick: t),
      source: MIDAS.chiSquared(current: from.a, total: from.s, tick: t),
      destination: MIDAS.chiSquared(current: to.a, total: to.s, tick: t))
  }
}
