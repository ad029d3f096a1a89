import VigilCore

extension RateDetector {
  /// Closes buckets: the detector's settings, apart from its mutable state, so a series can be
  /// changed in place in the dictionary while buckets close.
  struct Closer {
    let configuration: Configuration
    let bucketNanoseconds: Int64

    init(detector: RateDetector) {
      configuration = detector.configuration
      bucketNanoseconds = detector.bucketNanoseconds
    }

    func bucketStart(_ index: Int64) -> Timestamp {
      Timestamp(nanoseconds: index &* bucketNanoseconds)
    }

    /// Closes the open bucket and the empty ones after it, up to (not including) `end`.
    func close(
      key: SeriesKey, state: inout SeriesState, upTo end: Int64, into found: inout [Candidate]
    ) {
      // After a long silence only the last weeks of empty buckets matter to the baseline.
      let horizon =
        Int64(configuration.baseline.weeks * SeasonalBaseline.slots) * 3_600_000_000_000
        / bucketNanoseconds
      var bucket = state.bucket
      var value = state.sum
      if end - bucket > horizon {
        closeOne(key: key, state: &state, bucket: bucket, value: value, into: &found)
        bucket = end - horizon
        value = 0
      }
      while bucket < end {
        closeOne(key: key, state: &state, bucket: bucket, value: value, into: &found)
        bucket += 1
        value = 0
      }
      state.bucket = end
      state.sum = 0
    }

    func closeOne(
      key: SeriesKey, state: inout SeriesState, bucket: Int64, value: Double,
      into found: inout [Candidate]
    ) {
      let start = bucketStart(bucket)
      if let expectation = state.baseline.expectation(at: start),
        let finding = evaluate(key: key, value: value, expectation: expectation)
      {
        let alert = makeAlert(
          key: key, value: value, start: start, expectation: expectation, finding: finding,
          baseline: state.baseline)
        found.append(Candidate(alert: alert, strength: abs(finding.score)))
      }
      state.baseline.add(value, at: start)
    }

    /// A deviation large enough to alert.
    struct Finding {
      var score: Double
      var threshold: Double
    }

    func evaluate(key: SeriesKey, value: Double, expectation: SeasonalBaseline.Expectation)
      -> Finding?
    {
      let sensitivity = key.entity.namespace.flatMap { configuration.namespaceSensitivity[$0] } ?? 1
      guard sensitivity > 0 else { return nil }
      let threshold = configuration.threshold / sensitivity
      let score = expectation.score(value)
      if score < 0 {
        guard configuration.drops.contains(key.series), -score >= threshold,
          expectation.center >= configuration.minimumExpected[key.series, default: 0]
        else { return nil }
        return Finding(score: score, threshold: threshold)
      }
      guard score >= threshold else { return nil }
      let loud =
        expectation.center >= configuration.minimumExpected[key.series, default: 0]
        || value >= configuration.minimumObserved[key.series, default: 0]
      return loud ? Finding(score: score, threshold: threshold) : nil
    }
  }
}
