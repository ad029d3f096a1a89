/// Half-Space Trees (Tan, Ting, Liu, IJCAI 2011): a streaming ensemble of random full binary
/// trees over a fixed work space, each node holding the mass of the last complete window
/// (`reference`) and of the window being filled (`latest`). A point that lands in a low-mass
/// region of the reference profile is anomalous.
///
/// Nodes live in flat arrays (heap order: node `n` has children `2n + 1` (value < split) and
/// `2n + 2`), and windows roll lazily: each node remembers the window it last counted in, so a
/// window change costs nothing instead of a sweep over every node.
public struct HalfSpaceTrees: Sendable {
  /// The number of features per point.
  public let dimensions: Int
  /// The number of trees.
  public let trees: Int
  /// The depth of every tree (a tree has `2^(depth+1) - 1` nodes).
  public let depth: Int
  /// Points per window (ψ): the reference profile is the last complete window.
  public let windowSize: Int
  /// Scoring stops descending at a node whose reference mass is at most this (paper: 0.1 ψ).
  public let sizeLimit: Int
  /// The seed the work spaces were drawn from.
  public let seed: UInt64
  /// The work-space ranges per feature, once known (given, or learned from the first window).
  public private(set) var featureRanges: [ClosedRange<Double>]?
  /// Points learned so far.
  public private(set) var learnedCount: Int = 0
  /// With a value q, `scoreThenLearn` learns only points whose raw mass score is at least the
  /// (1 − q) quantile of the raw scores seen so far (to within a histogram bin, refreshed every
  /// 64 points): the rarest points are not folded into the profile, so a long burst of one
  /// anomaly does not become normal after one window (KDD http's attack runs). The price: a
  /// new region of normal points is not learned by `scoreThenLearn` either while it scores
  /// that low; call `learn` (which never skips) for points known to be normal, e.g. after a
  /// rollout or an accepted alert.
  public let learningQuantile: Double?
  /// The raw scores seen by `scoreThenLearn` once a reference exists (for `learningQuantile`).
  public private(set) var rawScores = ScoreQuantile()
  /// The raw score below which points are not learned, refreshed every 64 scores.
  var learningFloor = 0.0
  /// Points `scoreThenLearn` did not learn (too rare for `learningQuantile`).
  public private(set) var skippedCount: Int = 0

  let internalCount: Int
  let nodeCount: Int
  /// Every node of every tree (`trees × nodeCount`), split and masses together so a step down
  /// a tree touches one cache line.
  var nodes: [Node] = []
  /// The index of the window being filled.
  var window: Int32 = 0
  /// Points learned in the current window.
  var filled: Int = 0
  /// The first window, held until the ranges are learned from it (no ranges given).
  var pending: [Double] = []

  /// A model over `dimensions` features. With `featureRanges` nil, the work space is drawn from
  /// the ranges of the first window (a feature constant in it gets a unit-wide range); scale
  /// features to [0, 1] (`MinMaxScaler`) or pass the ranges when they are known.
  public init(
    dimensions: Int, trees: Int = 25, depth: Int = 15, windowSize: Int = 250, seed: UInt64,
    featureRanges: [ClosedRange<Double>]? = nil, sizeLimit: Int? = nil,
    learningQuantile: Double? = nil
  ) {
    self.learningQuantile = learningQuantile
    self.dimensions = max(1, dimensions)
    self.trees = max(1, trees)
    self.depth = min(max(1, depth), 24)
    self.windowSize = max(1, windowSize)
    self.sizeLimit = sizeLimit ?? max(1, self.windowSize / 10)
    self.seed = seed
    internalCount = (1 << self.depth) - 1
    nodeCount = (1 << (self.depth + 1)) - 1
    if let featureRanges {
      build(ranges: featureRanges)
    } else {
      pending.reserveCapacity(self.windowSize * self.dimensions)
    }
  }

  /// True once a complete window is the reference profile (scores before that are all 1).
  public var hasReference: Bool { featureRanges != nil && window >= 1 }

  /// The largest raw mass score: every tree's path ends at the full window at the deepest level.
  var maximumRawScore: Double { Double(trees) * Double(windowSize) * Double(1 << depth) }

  /// The anomaly score of `x` in 0…1 (higher = more anomalous): one minus the paper's mass
  /// score (Σ over trees of reference mass × 2^depth at the node where descent stops) over its
  /// maximum. Before a reference window exists every point scores 1.
  public func score(_ x: [Double]) -> Double {
    1 - rawScore(x) / maximumRawScore
  }

  /// The paper's mass score (lower = more anomalous).
  public func rawScore(_ x: [Double]) -> Double {
    guard featureRanges != nil else { return 0 }
    let point = x.count == dimensions ? x : padded(x)
    var total = 0.0
    let current = window
    point.withUnsafeBufferPointer { p in
      nodes.withUnsafeBufferPointer { nodes in
        for t in 0..<trees {
          let base = t * nodeCount
          var n = 0
          var k = 0
          var mass = nodes[base].reference(in: current)
          while k < depth && mass > sizeLimit {
            let node = nodes[base + n]
            n = p[Int(node.feature)] < node.split ? 2 * n + 1 : 2 * n + 2
            k += 1
            mass = nodes[base + n].reference(in: current)
          }
          total += Double(mass) * Double(1 << k)
        }
      }
    }
    return total
  }

  /// Counts `x` in the window being filled; a full window becomes the reference profile.
  public mutating func learn(_ x: [Double]) {
    learnedCount += 1
    guard featureRanges != nil else {
      let point = x.count == dimensions ? x : padded(x)
      pending.append(contentsOf: point)
      if pending.count >= windowSize * dimensions { buildFromPending() }
      return
    }
    let point = x.count == dimensions ? x : padded(x)
    count(point)
  }

  /// Scores `x` against the reference profile, then learns it (unless `learningQuantile`
  /// rules it too rare to learn).
  public mutating func scoreThenLearn(_ x: [Double]) -> Double {
    let raw = rawScore(x)
    if let learningQuantile, hasReference {
      if rawScores.count % 64 == 0 {
        learningFloor = rawScores.quantile(1 - learningQuantile) ?? 0
      }
      let floor = learningFloor
      rawScores.add(raw)
      if raw < floor {
        skippedCount += 1
        return 1 - raw / maximumRawScore
      }
    }
    learn(x)
    return 1 - raw / maximumRawScore
  }

  /// The reference mass of node `index` (flat) as of the current window.
  func referenceMass(_ index: Int) -> Int { nodes[index].reference(in: window) }

  /// Adds `point` along its full path in every tree and rolls the window when it is full.
  mutating func count(_ point: [Double]) {
    let current = window
    point.withUnsafeBufferPointer { p in
      nodes.withUnsafeMutableBufferPointer { nodes in
        for t in 0..<trees {
          let base = t * nodeCount
          var n = 0
          var k = 0
          while true {
            nodes[base + n].count(in: current)
            if k == depth { break }
            let node = nodes[base + n]
            n = p[Int(node.feature)] < node.split ? 2 * n + 1 : 2 * n + 2
            k += 1
          }
        }
      }
    }
    filled += 1
    if filled >= windowSize {
      filled = 0
      window &+= 1
    }
  }

  /// `x` cut or padded with zeros to `dimensions` features.
  func padded(_ x: [Double]) -> [Double] {
    var point = Array(x.prefix(dimensions))
    while point.count < dimensions { point.append(0) }
    return point
  }

  /// Builds the trees from the ranges of the pending first window, then counts that window.
  mutating func buildFromPending() {
    var scaler = MinMaxScaler(dimensions: dimensions)
    var row = [Double](repeating: 0, count: dimensions)
    for start in stride(from: 0, to: pending.count, by: dimensions) {
      for i in 0..<dimensions { row[i] = pending[start + i] }
      scaler.learn(row)
    }
    build(ranges: scaler.ranges)
    let rows = pending
    pending = []
    for start in stride(from: 0, to: rows.count, by: dimensions) {
      for i in 0..<dimensions { row[i] = rows[start + i] }
      count(row)
    }
  }

  /// Draws every tree's work space and splits (the paper's BuildSingleHS-Tree): per feature a
  /// random point `s` in its range, the work range `s ± 2·max(s − min, max − s)`; each internal
  /// node splits a random feature at the middle of that feature's range at the node.
  mutating func build(ranges given: [ClosedRange<Double>]) {
    var ranges = Array(given.prefix(dimensions))
    while ranges.count < dimensions { ranges.append(0...1) }
    featureRanges = ranges
    var random = SplitMix64(seed: seed)
    nodes = [Node](
      repeating: Node(split: 0, feature: 0, stamp: -2, latest: 0, saved: 0),
      count: trees * nodeCount)
    var lows = [Double](repeating: 0, count: internalCount * dimensions)
    var highs = [Double](repeating: 0, count: internalCount * dimensions)
    for t in 0..<trees {
      for q in 0..<dimensions {
        let low = ranges[q].lowerBound
        var high = ranges[q].upperBound
        if !(high > low) || !(high - low).isFinite { high = low + 1 }
        let s = low + random.nextUnit() * (high - low)
        let half = 2 * max(s - low, high - s)
        lows[q] = s - half
        highs[q] = s + half
      }
      for n in 0..<internalCount {
        let feature = random.nextIndex(below: dimensions)
        let low = lows[n * dimensions + feature]
        let high = highs[n * dimensions + feature]
        let split = (low + high) / 2
        nodes[t * nodeCount + n].feature = Int32(feature)
        nodes[t * nodeCount + n].split = split
        for child in [2 * n + 1, 2 * n + 2] where child < internalCount {
          for q in 0..<dimensions {
            lows[child * dimensions + q] = lows[n * dimensions + q]
            highs[child * dimensions + q] = highs[n * dimensions + q]
          }
          if child == 2 * n + 1 {
            highs[child * dimensions + feature] = split
          } else {
            lows[child * dimensions + feature] = split
          }
        }
      }
    }
  }
}

extension HalfSpaceTrees {
  /// One node: its split (internal nodes) and its masses.
  struct Node: Sendable {
    /// Points with `x[feature] < split` go left.
    var split: Double
    /// The split feature.
    var feature: Int32
    /// The window `latest` was counted in.
    var stamp: Int32
    /// Mass counted in window `stamp`.
    var latest: Int32
    /// The mass of window `stamp − 1`, saved when the node was first counted in `stamp`.
    var saved: Int32

    /// The mass of the window before `window` (the reference profile).
    @inline(__always)
    func reference(in window: Int32) -> Int {
      if stamp == window { return Int(saved) }
      if stamp == window &- 1 { return Int(latest) }
      return 0
    }

    /// Counts one point in `window`, first saving the previous window's mass.
    @inline(__always)
    mutating func count(in window: Int32) {
      if stamp != window {
        saved = stamp == window &- 1 ? latest : 0
        latest = 0
        stamp = window
      }
      latest &+= 1
    }
  }
}
