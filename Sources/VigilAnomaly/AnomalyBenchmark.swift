/// Measures the models on synthetic streams, each against a ceiling measured in the same run: a
/// plain loop over the same inputs (copying each point, or mixing each edge's ids into a sum).
public enum AnomalyBenchmark {
  /// What one run measured.
  public struct Result: Sendable, CustomStringConvertible {
    /// Points scored and learned by Half-Space Trees.
    public var points: Int
    /// `HalfSpaceTrees.scoreThenLearn` per second (25 trees × depth 15, 3 features; the fastest
    /// of three rounds).
    public var hstPointsPerSecond: Double
    /// `HalfSpaceTrees.score` alone per second.
    public var hstScoresPerSecond: Double
    /// The point-copy loop over the same points, per second.
    public var pointCeiling: Double
    /// Edges scored.
    public var edges: Int
    /// `MIDAS.score` per second (2 × 1024).
    public var midasEdgesPerSecond: Double
    /// `MIDASR.score` per second (2 × 1024, decay 0.5).
    public var midasREdgesPerSecond: Double
    /// The edge-mixing loop over the same edges, per second.
    public var edgeCeiling: Double
    /// `MIDAS.score` per second with the authors' hashing (`.reference`).
    public var midasReferenceEdgesPerSecond: Double = 0
    /// `MIDASR.score` per second with the authors' hashing.
    public var midasRReferenceEdgesPerSecond: Double = 0

    /// `HST 0.41 M/s score+learn, 0.83 M/s score (ceiling 150 M/s, ratio 0.0027); MIDAS …`.
    public var description: String {
      let hstRatio = fixed(hstPointsPerSecond / max(pointCeiling, 1), 4)
      let midasRatio = fixed(midasEdgesPerSecond / max(edgeCeiling, 1), 3)
      let midasRRatio = fixed(midasREdgesPerSecond / max(edgeCeiling, 1), 3)
      return "HST \(rateText(hstPointsPerSecond))/s score+learn, "
        + "\(rateText(hstScoresPerSecond))/s score "
        + "(ceiling \(rateText(pointCeiling))/s, ratio \(hstRatio)); "
        + "MIDAS \(rateText(midasEdgesPerSecond)) edges/s, "
        + "MIDAS-R \(rateText(midasREdgesPerSecond)) edges/s "
        + "(ceiling \(rateText(edgeCeiling))/s, ratios \(midasRatio), \(midasRRatio)); "
        + "reference hashing: MIDAS \(rateText(midasReferenceEdgesPerSecond)) edges/s, "
        + "MIDAS-R \(rateText(midasRReferenceEdgesPerSecond)) edges/s"
    }
  }

  /// Runs `points` 3-feature points through Half-Space Trees and `edges` edges (a 5,000-node
  /// graph, 1,000 edges per tick) through MIDAS and MIDAS-R, three rounds each.
  public static func run(points: Int, edges: Int, seed: UInt64 = 1) -> Result {
    var random = SplitMix64(seed: seed)
    let dimensions = 3
    var data = [Double](repeating: 0, count: max(1, points) * dimensions)
    for i in data.indices { data[i] = random.nextUnit() }
    var sources = [UInt32](repeating: 0, count: max(1, edges))
    var destinations = sources
    var ticks = [Int32](repeating: 0, count: max(1, edges))
    for i in 0..<sources.count {
      sources[i] = UInt32(random.nextIndex(below: 5000))
      destinations[i] = UInt32(random.nextIndex(below: 5000))
      ticks[i] = Int32(1 + i / 1000)
    }
    let n = data.count / dimensions
    let ranges = [ClosedRange<Double>](repeating: 0...1, count: dimensions)
    var point = [Double](repeating: 0, count: dimensions)

    var learnRate = 0.0
    var scoreRate = 0.0
    var pointCeiling = 0.0
    var midasRate = 0.0
    var midasRRate = 0.0
    var referenceRate = 0.0
    var referenceRRate = 0.0
    var edgeCeiling = 0.0
    for round in 0..<3 {
      var model = HalfSpaceTrees(
        dimensions: dimensions, seed: seed &+ UInt64(round), featureRanges: ranges)
      var total = 0.0
      var watch = Stopwatch()
      for r in 0..<n {
        for i in 0..<dimensions { point[i] = data[r * dimensions + i] }
        total += model.scoreThenLearn(point)
      }
      learnRate = max(learnRate, Double(n) / max(watch.seconds, 1e-9))
      watch = Stopwatch()
      for r in 0..<n {
        for i in 0..<dimensions { point[i] = data[r * dimensions + i] }
        total += model.score(point)
      }
      scoreRate = max(scoreRate, Double(n) / max(watch.seconds, 1e-9))
      watch = Stopwatch()
      for r in 0..<n {
        for i in 0..<dimensions { point[i] = data[r * dimensions + i] }
        for value in point { total += value }
      }
      pointCeiling = max(pointCeiling, Double(n) / max(watch.seconds, 1e-9))
      _ = keep(total)

      var midas = MIDAS(seed: seed &+ UInt64(round))
      var sum = 0.0
      watch = Stopwatch()
      for i in 0..<sources.count {
        sum += midas.score(
          source: UInt64(sources[i]), destination: UInt64(destinations[i]), time: Int(ticks[i]))
      }
      midasRate = max(midasRate, Double(sources.count) / max(watch.seconds, 1e-9))
      var midasR = MIDASR(seed: seed &+ UInt64(round))
      watch = Stopwatch()
      for i in 0..<sources.count {
        sum +=
          midasR.score(
            source: UInt64(sources[i]), destination: UInt64(destinations[i]), time: Int(ticks[i])
          ).value
      }
      midasRRate = max(midasRRate, Double(sources.count) / max(watch.seconds, 1e-9))
      let authors = MIDAS.Hashing.reference(
        seed: UInt32(truncatingIfNeeded: seed &+ UInt64(round)),
        multiplier: Int32(truncatingIfNeeded: sources.max() ?? 0))
      var reference = MIDAS(hashing: authors)
      watch = Stopwatch()
      for i in 0..<sources.count {
        sum += reference.score(
          source: UInt64(sources[i]), destination: UInt64(destinations[i]), time: Int(ticks[i]))
      }
      referenceRate = max(referenceRate, Double(sources.count) / max(watch.seconds, 1e-9))
      var referenceR = MIDASR(hashing: authors)
      watch = Stopwatch()
      for i in 0..<sources.count {
        sum +=
          referenceR.score(
            source: UInt64(sources[i]), destination: UInt64(destinations[i]), time: Int(ticks[i])
          ).value
      }
      referenceRRate = max(referenceRRate, Double(sources.count) / max(watch.seconds, 1e-9))
      watch = Stopwatch()
      var mixed: UInt64 = 0
      for i in 0..<sources.count {
        mixed =
          mixed &* 31 &+ UInt64(sources[i]) &+ UInt64(destinations[i]) << 20
          &+ UInt64(truncatingIfNeeded: Int(ticks[i]))
        sum += Double(mixed & 0xFF)
      }
      edgeCeiling = max(edgeCeiling, Double(sources.count) / max(watch.seconds, 1e-9))
      _ = keep(sum)
    }
    return Result(
      points: n, hstPointsPerSecond: learnRate, hstScoresPerSecond: scoreRate,
      pointCeiling: pointCeiling, edges: sources.count, midasEdgesPerSecond: midasRate,
      midasREdgesPerSecond: midasRRate, edgeCeiling: edgeCeiling,
      midasReferenceEdgesPerSecond: referenceRate, midasRReferenceEdgesPerSecond: referenceRRate)
  }
}
