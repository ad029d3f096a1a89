import VigilCore

/// Learns every entity's numeric series (API calls, writes, 401/403s, connections, failed
/// connections, bytes out) per time bucket and alerts when a closed bucket lies far above its
/// seasonal expectation (``SeasonalBaseline``). Quiet series stay quiet (a minimum volume), and
/// alerts aggregate per entity and series per hour. Pure state machine: time comes from the
/// observations and from ``advance(to:)``.
public struct RateDetector: Sendable {
  /// Detector settings.
  public struct Configuration: Sendable {
    /// How each series' baseline buckets and learns.
    public var baseline = SeasonalBaseline.Configuration()
    /// Robust standard deviations above the expectation that alert.
    public var threshold = 6.0
    /// Per-namespace sensitivity: the threshold is divided by it (2 alerts at half the
    /// deviation, 0.5 at twice it). Entities without a namespace use 1.
    public var namespaceSensitivity: [String: Double] = [:]
    /// A bucket alerts only when its expectation is at least this much …
    public var minimumExpected: [SeriesKind: Double] = [
      .apiCalls: 10, .writes: 10, .authFailures: 10, .connections: 10, .failedConnections: 10,
      .bytesOut: 1_000_000,
    ]
    /// … or its value is at least this much (quiet series stay quiet).
    public var minimumObserved: [SeriesKind: Double] = [
      .apiCalls: 100, .writes: 50, .authFailures: 20, .connections: 100, .failedConnections: 30,
      .bytesOut: 50_000_000,
    ]
    /// Series whose drops (far below the expectation) alert too; none by default.
    public var drops: Set<SeriesKind> = []
    /// Alerts about one entity and series within this long of the first aggregate into one.
    public var aggregation: Duration = .seconds(3600)
    /// Most series kept; beyond it the longest idle are forgotten.
    public var maxSeries = 200_000
    /// Creates the defaults.
    public init() {}
  }

  struct SeriesKey: Hashable, Sendable {
    var entity: EntityKey
    var series: SeriesKind
  }

  struct SeriesState: Sendable {
    var baseline: SeasonalBaseline
    /// The open bucket's index (bucket starts since the epoch).
    var bucket: Int64
    var sum: Double
    /// The last bucket index that held a non-zero value.
    var lastActive: Int64
  }

  /// The settings in force.
  public let configuration: Configuration
  var series: [SeriesKey: SeriesState] = [:]
  var gate: StatisticalAlertGate
  let bucketNanoseconds: Int64
  /// The latest bucket every series has been closed up to (`advance`), for what a save covers.
  var advancedToBucket: Int64?
  /// After a restore: the latest saved open bucket, until the first time seen (see `resume`).
  var resumeBucket: Int64?

  /// Creates the detector.
  public init(configuration: Configuration = .init()) {
    self.configuration = configuration
    self.gate = StatisticalAlertGate(window: configuration.aggregation)
    self.bucketNanoseconds = max(1_000_000_000, configuration.baseline.bucket.nanoseconds)
  }

  /// Series being learned.
  public var seriesCount: Int { series.count }

  /// The baseline of one entity's series, if it is being learned.
  public func baseline(of entity: EntityKey, _ kind: SeriesKind) -> SeasonalBaseline? {
    series[SeriesKey(entity: entity, series: kind)]?.baseline
  }

  /// Adds an observation's series amounts; returns the alerts of buckets they closed.
  public mutating func observe(_ observation: BehaviorObservation) -> [Alert] {
    var alerts: [Alert] = []
    for item in observation.series { alerts += observe(item) }
    return alerts
  }

  /// Adds one amount; returns the alerts of the buckets it closed (its series' earlier buckets).
  public mutating func observe(_ item: SeriesObservation) -> [Alert] {
    let bucket = bucketIndex(item.time)
    if resumeBucket != nil { resume(at: bucket) }
    let key = SeriesKey(entity: item.entity, series: item.series)
    guard let index = series.index(forKey: key) else {
      series[key] = SeriesState(
        baseline: SeasonalBaseline(configuration: configuration.baseline), bucket: bucket,
        sum: item.amount, lastActive: bucket)
      evictIfNeeded()
      return []
    }
    var found: [Candidate] = []
    if bucket > series.values[index].bucket {
      let closer = Closer(detector: self)
      closer.close(key: key, state: &series.values[index], upTo: bucket, into: &found)
    }
    // A late amount (an earlier bucket already closed) counts in the open bucket.
    series.values[index].sum += item.amount
    series.values[index].lastActive = series.values[index].bucket
    return admit(found)
  }

  /// Time has reached `now`: closes every bucket that ended by then and releases the aggregated
  /// repeats of windows that closed.
  public mutating func advance(to now: Timestamp) -> [Alert] {
    let bucket = bucketIndex(now)
    advancedToBucket = max(advancedToBucket ?? bucket, bucket)
    if resumeBucket != nil { resume(at: bucket) }
    var found: [Candidate] = []
    let closer = Closer(detector: self)
    for index in series.indices where series.values[index].bucket < bucket {
      let key = series.keys[index]
      closer.close(key: key, state: &series.values[index], upTo: bucket, into: &found)
    }
    found.sort { ($0.alert.time, $0.alert.dedupKey) < ($1.alert.time, $1.alert.dedupKey) }
    return admit(found) + gate.flush(upTo: now)
  }

  /// An alert before aggregation, with the size of its deviation.
  struct Candidate {
    var alert: Alert
    var strength: Double
  }

  private mutating func admit(_ found: [Candidate]) -> [Alert] {
    found.compactMap { gate.admit($0.alert, strength: $0.strength) }
  }

  func bucketIndex(_ time: Timestamp) -> Int64 {
    let ns = time.nanoseconds
    return ns >= 0 ? ns / bucketNanoseconds : (ns - bucketNanoseconds + 1) / bucketNanoseconds
  }

  private mutating func evictIfNeeded() {
    guard series.count > configuration.maxSeries else { return }
    let keep = configuration.maxSeries * 9 / 10
    let sorted = series.sorted { $0.value.lastActive > $1.value.lastActive }
    series = Dictionary(uniqueKeysWithValues: sorted.prefix(keep).map { ($0.key, $0.value) })
  }
}
