import Testing

@testable import VigilAnomaly

@Suite struct HalfSpaceTreesTests {
  /// Points near (0.5, 0.5, 0.5) with spread `spread`.
  static func cluster(_ count: Int, seed: UInt64, spread: Double = 0.1) -> [[Double]] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { _ in
      (0..<3).map { _ in 0.5 + (random.nextUnit() + random.nextUnit() - 1) * spread }
    }
  }

  static let ranges = [ClosedRange<Double>](repeating: 0...1, count: 3)

  @Test func anOutlierScoresAboveEveryInlier() {
    var model = HalfSpaceTrees(
      dimensions: 3, trees: 25, depth: 10, windowSize: 250, seed: 42, featureRanges: Self.ranges)
    for point in Self.cluster(500, seed: 1) { model.learn(point) }
    #expect(model.hasReference)
    let inliers = Self.cluster(200, seed: 2).map { model.score($0) }
    let outlier = model.score([0.95, 0.05, 0.9])
    #expect(outlier > (inliers.max() ?? 1))
    #expect(outlier <= 1 && (inliers.min() ?? -1) >= 0)
  }

  @Test func contributionsNameTheFeatureThatIsOff() {
    var model = HalfSpaceTrees(
      dimensions: 3, trees: 25, depth: 10, windowSize: 250, seed: 8, featureRanges: Self.ranges)
    for point in Self.cluster(500, seed: 3, spread: 0.05) { model.learn(point) }
    let credit = model.contributions([0.5, 0.97, 0.5])
    #expect(abs(credit.reduce(0, +) - 1) < 1e-9)
    #expect(credit[1] > 0.5)
    #expect(credit[1] > credit[0] && credit[1] > credit[2])
  }

  @Test func theSameSeedGivesTheSameScoresAndAnotherSeedDoesNot() {
    func run(_ seed: UInt64) -> [Double] {
      var model = HalfSpaceTrees(dimensions: 3, depth: 8, windowSize: 50, seed: seed)
      return Self.cluster(300, seed: 5).map { model.scoreThenLearn($0) }
    }
    #expect(run(1) == run(1))
    #expect(run(1) != run(2))
  }

  @Test func withoutRangesTheFirstWindowSetsTheWorkSpace() {
    var model = HalfSpaceTrees(dimensions: 3, depth: 8, windowSize: 100, seed: 3)
    let points = Self.cluster(100, seed: 6)
    for point in points.prefix(99) { #expect(model.scoreThenLearn(point) == 1) }
    #expect(model.featureRanges == nil)
    model.learn(points[99])
    #expect(model.featureRanges?.count == 3)
    #expect(model.hasReference)
    let inlier = model.score([0.5, 0.5, 0.5])
    let outlier = model.score([5, -4, 5])
    #expect(outlier > inlier)
  }

  @Test func theLearningQuantileKeepsABurstAnomalous() {
    func run(quantile: Double?) -> (first: Double, last: Double, skipped: Int) {
      var model = HalfSpaceTrees(
        dimensions: 3, depth: 10, windowSize: 100, seed: 9, featureRanges: Self.ranges,
        learningQuantile: quantile)
      for point in Self.cluster(3000, seed: 10) { _ = model.scoreThenLearn(point) }
      let burst = [0.9, 0.1, 0.9]
      let first = model.scoreThenLearn(burst)
      var last = first
      for _ in 0..<400 { last = model.scoreThenLearn(burst) }
      return (first, last, model.skippedCount)
    }
    let plain = run(quantile: nil)
    let gated = run(quantile: 0.99)
    // Plain windows learn the burst: after a few windows it is the reference.
    #expect(plain.last < plain.first)
    #expect(plain.skipped == 0)
    // Gated, the burst is never learned and stays as anomalous as its first point.
    #expect(gated.last == gated.first)
    #expect(gated.skipped >= 401)
  }

  @Test func shortAndLongPointsArePaddedOrCut() {
    var model = HalfSpaceTrees(
      dimensions: 3, depth: 6, windowSize: 10, seed: 1, featureRanges: Self.ranges)
    for _ in 0..<20 { model.learn([0.5, 0.5]) }
    #expect(model.score([0.5, 0.5, 0]) == model.score([0.5, 0.5]))
    #expect(model.score([0.5, 0.5, 0, 9]) == model.score([0.5, 0.5]))
  }
}

@Suite struct MinMaxScalerTests {
  @Test func scalesByTheRangeSeenSoFar() {
    var scaler = MinMaxScaler(dimensions: 2)
    #expect(scaler.learnThenTransform([2, 5]) == [0, 0])
    scaler.learn([4, 5])
    #expect(scaler.transform([3, 5]) == [0.5, 0])
    #expect(scaler.ranges == [2...4, 5...5])
  }
}

@Suite struct ScoreQuantileTests {
  @Test func quantilesAreWithinABin() {
    var histogram = ScoreQuantile()
    #expect(histogram.quantile(0.5) == nil)
    for value in 1...1000 { histogram.add(Double(value)) }
    let median = histogram.quantile(0.5) ?? 0
    #expect(median >= 500 && median < 500 * 1.05)
    let low = histogram.quantile(0.01) ?? 0
    #expect(low >= 10 && low < 11)
  }
}
