import VigilCore

/// Measures ``RateDetector`` on one core: a synthetic stream of series observations (many
/// entities, every series kind, time advancing a minute at a time so buckets close as they would
/// in service), against a ceiling measured in the same run over the same observations: summing
/// them into a dictionary keyed by entity and series, the least any per-series rate detector
/// must do.
public enum RateDetectorBenchmark {
  /// What one run measured.
  public struct Result: Sendable, CustomStringConvertible {
    /// Observations per round.
    public var observations: Int
    /// Series the stream spreads over.
    public var series: Int
    /// Buckets closed per round (empty ones included).
    public var bucketsClosed: Int
    /// Detector: observations per second, bucket closing included, fastest round.
    public var observationsPerSecond: Double
    /// Ceiling: keyed sums per second over the same observations, fastest round.
    public var ceilingPerSecond: Double
    /// Alerts raised (a check that it ran; the stream has one burst).
    public var alerts: Int
    /// Series the ceiling loop summed (keeps it from being optimized away).
    public var ceilingSeries: Int
    /// Resident memory the first round's detector grew by, per series it holds (0 when the
    /// platform does not report resident memory).
    public var bytesPerSeries: Int = 0

    /// The detector's rate over the ceiling.
    public var ratio: Double { ceilingPerSecond > 0 ? observationsPerSecond / ceilingPerSecond : 0 }

    /// `1000000 observations over 6000 series: 3.1 M obs/s (ceiling 12.0 M/s, 26 %) …`.
    public var description: String {
      "\(observations) observations over \(series) series: \(millions(observationsPerSecond)) M "
        + "obs/s (keyed-sum ceiling \(millions(ceilingPerSecond)) M/s, "
        + "\(Int((ratio * 100).rounded())) %), \(bucketsClosed) buckets closed, \(alerts) alert(s); "
        + "memory \(bytesPerSeries) B per series (resident growth)"
    }

    private func millions(_ rate: Double) -> Double { (rate / 1e5).rounded() / 10 }
  }

  /// Times `observations` observations over `entities` entities × every series kind, 2,000 a
  /// minute, in `rounds` rounds; the fastest counts.
  public static func run(observations: Int, entities: Int = 1_000, rounds: Int = 5) -> Result {
    let keys = (0..<max(1, entities)).map {
      EntityKey.workload(namespace: "team-\($0 % 20)", kind: "Deployment", name: "service-\($0)")
    }
    let kinds = SeriesKind.allCases
    let start = Timestamp(nanoseconds: 1_793_577_600 * 1_000_000_000)
    let perMinute = 2_000
    var stream: [SeriesObservation] = []
    stream.reserveCapacity(observations)
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    let burstAt = observations * 3 / 4
    for i in 0..<observations {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let entity = Int(state >> 33) % keys.count
      let kind = kinds[Int((state >> 17) % UInt64(kinds.count))]
      let time = start.adding(.milliseconds(Int64(i) * 60_000 / Int64(perMinute)))
      let amount = i == burstAt ? 50_000 : (kind == .bytesOut ? 1_500 : 1)
      stream.append(
        SeriesObservation(
          entity: keys[i == burstAt ? 0 : entity], series: i == burstAt ? .writes : kind,
          time: time, amount: Double(amount)))
    }
    let clock = ContinuousClock()
    var best = (detector: 0.0, ceiling: 0.0)
    var alerts = 0
    var closed = 0
    var summed = 0
    var bytesPerSeries = 0
    for round in 0..<max(1, rounds) {
      var t = clock.now
      var sums: [RateDetector.SeriesKey: Double] = [:]
      for item in stream {
        sums[RateDetector.SeriesKey(entity: item.entity, series: item.series), default: 0] +=
          item.amount
      }
      best.ceiling = max(best.ceiling, rate(observations, clock.now - t))

      let before = round == 0 ? ProcessMemory.residentBytes() : 0
      var detector = RateDetector()
      var raised = 0
      var nextMinute = start.adding(.seconds(60))
      t = clock.now
      for item in stream {
        if item.time >= nextMinute {
          raised += detector.advance(to: nextMinute).count
          nextMinute = nextMinute.adding(.seconds(60))
        }
        raised += detector.observe(item).count
      }
      best.detector = max(best.detector, rate(observations, clock.now - t))
      if round == 0, before > 0, !detector.series.isEmpty {
        let growth = max(0, ProcessMemory.residentBytes() - before)
        bytesPerSeries = growth / detector.series.count
      }
      alerts = raised
      closed = detector.series.values.reduce(0) { $0 + $1.baseline.buckets }
      summed = sums.count
    }
    return Result(
      observations: observations, series: keys.count * kinds.count, bucketsClosed: closed,
      observationsPerSecond: best.detector, ceilingPerSecond: best.ceiling, alerts: alerts,
      ceilingSeries: summed, bytesPerSeries: bytesPerSeries)
  }

  static func rate(_ count: Int, _ duration: Duration) -> Double {
    let (s, a) = duration.components
    let seconds = Double(s) + Double(a) / 1e18
    return seconds > 0 ? Double(count) / seconds : 0
  }
}
