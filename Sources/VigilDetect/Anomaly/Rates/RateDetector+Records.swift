import VigilCore

/// One learned series in a form the store keeps: whose, which, its open bucket, and its
/// baseline's record.
public struct RateSeriesRecord: Codable, Sendable, Hashable {
  /// The entity (`EntityKey.description`, e.g. `workload:shop/Deployment/web`).
  public var entity: String
  /// The series (`SeriesKind` raw value).
  public var series: String
  /// The open bucket's index (bucket starts since the epoch).
  public var bucket: Int64
  /// The open bucket's sum so far.
  public var sum: Double
  /// The last bucket that held a non-zero value.
  public var lastActive: Int64
  /// The seasonal baseline.
  public var baseline: SeasonalBaseline.Record

  /// The store key of the series: unique per entity and series.
  public var key: String { "\(series)/\(entity)" }
}

extension RateDetector {
  /// The hour every series has added its summary for: `advance` closes every series' buckets
  /// before its time, and an hour's summary is added when a bucket of a later hour closes, so
  /// the hours before that of the last closed bucket are done (nil before any advance).
  public var closedThroughHour: Int64? {
    guard let bucket = advancedToBucket else { return nil }
    let lastClosed = Timestamp(nanoseconds: (bucket - 1) &* bucketNanoseconds)
    return SeasonalBaseline.hour(of: lastClosed) - 1
  }

  /// Records of the series whose hour summaries changed after `hour` (all when nil), in key
  /// order. A series changes its summaries once an hour, so saving what changed since the last
  /// save's `closedThroughHour` writes each series about once an hour.
  public func records(closedAfterHour hour: Int64?) -> [RateSeriesRecord] {
    var out: [RateSeriesRecord] = []
    for (key, state) in series {
      if let hour, (state.baseline.lastClosedHour ?? .min) <= hour { continue }
      out.append(
        RateSeriesRecord(
          entity: key.entity.description, series: key.series.rawValue, bucket: state.bucket,
          sum: state.sum, lastActive: state.lastActive, baseline: state.baseline.record))
    }
    return out.sorted { $0.key < $1.key }
  }

  /// Puts the recorded series in place (replacing any being learned under the same key);
  /// returns how many were restored. Records that do not fit this detector's settings or name
  /// no known entity or series are skipped. The buckets between the save and the first time
  /// seen after it (a restart's downtime) are unknown, not empty: they are skipped, not learned
  /// as zeros.
  public mutating func restore(_ records: [RateSeriesRecord]) -> Int {
    var restored = 0
    var latestBucket = Int64.min
    for record in records {
      guard let entity = EntityKey(text: record.entity),
        let kind = SeriesKind(rawValue: record.series),
        let baseline = SeasonalBaseline(
          restoring: record.baseline, configuration: configuration.baseline)
      else { continue }
      series[SeriesKey(entity: entity, series: kind)] = SeriesState(
        baseline: baseline, bucket: record.bucket, sum: record.sum.isFinite ? record.sum : 0,
        lastActive: record.lastActive)
      latestBucket = max(latestBucket, record.bucket)
      restored += 1
    }
    if restored > 0 { resumeBucket = latestBucket }
    return restored
  }

  /// After a restore, at the first time seen: when it lies more than a bucket after the saved
  /// open buckets, each series closes its open bucket alone and opens the current one (the
  /// gap between is not learned).
  mutating func resume(at bucket: Int64) {
    guard let saved = resumeBucket else { return }
    resumeBucket = nil
    guard bucket > saved + 1 else { return }
    let closer = Closer(detector: self)
    var ignored: [Candidate] = []
    for index in series.indices where series.values[index].bucket < bucket {
      let key = series.keys[index]
      let open = series.values[index].bucket
      closer.closeOne(
        key: key, state: &series.values[index], bucket: open, value: series.values[index].sum,
        into: &ignored)
      series.values[index].bucket = bucket
      series.values[index].sum = 0
    }
  }
}
