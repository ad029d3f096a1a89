import VigilCore

/// The learned expectation of one numeric series (an entity's API writes, bytes out …) per time
/// bucket: hour-of-week median and MAD over past weeks when a slot has enough weeks of history,
/// else an EWMA mean and variance over recent buckets, so a new series is usable after a few
/// hours rather than a week.
///
/// Memory is bounded: per hour-of-week slot a ring of at most `weeks` hour summaries (the hour's
/// median bucket value and its MAD, 16 bits each: `HourSummaryCode`), allocated when the first
/// hour closes (4,032 bytes with 6 weeks), plus one byte of ring state per slot and the open
/// hour's bucket values.
public struct SeasonalBaseline: Sendable {
  /// Baseline settings.
  public struct Configuration: Sendable {
    /// The bucket length values are summed over.
    public var bucket: Duration = .seconds(300)
    /// Weeks of hour summaries kept per hour-of-week slot (at most 8).
    public var weeks = 6
    /// Weeks a slot needs before its seasonal expectation replaces the EWMA.
    public var minimumWeeks = 2
    /// EWMA weight of the newest bucket (0.05 ≈ the last 20 buckets).
    public var ewmaAlpha = 0.05
    /// Buckets seen before the EWMA fallback is trusted (24 five-minute buckets = 2 hours).
    public var minimumBuckets = 24
    /// Bucket values fed to the EWMA are clipped to mean ± this many standard deviations, so a
    /// burst does not teach the baseline that bursts are normal.
    public var ewmaClip = 3.0
    /// Added to every scale, so a constant series does not divide by zero.
    public var epsilon = 1.0
    /// Creates the defaults.
    public init() {}
  }

  /// What a bucket is expected to hold, and on what evidence.
  public struct Expectation: Sendable, Hashable {
    /// Where the expectation came from.
    public enum Source: Sendable, Hashable {
      /// Hour-of-week median and MAD over this many past weeks.
      case seasonal(weeks: Int)
      /// EWMA mean and standard deviation over this many buckets seen so far.
      case ewma(buckets: Int)
    }

    /// The expected value: the hour-of-week median or the EWMA mean.
    public var center: Double
    /// The robust standard deviation the score divides by (1.4826·MAD or the EWMA standard
    /// deviation, at least √center for count noise, plus ε).
    public var scale: Double
    /// The evidence behind it.
    public var source: Source

    /// Creates an expectation.
    public init(center: Double, scale: Double, source: Source) {
      self.center = center
      self.scale = scale
      self.source = source
    }

    /// Standard deviations above (positive) or below the expectation.
    public func score(_ value: Double) -> Double { (value - center) / scale }

    /// The values that score within ±`threshold` (never below zero).
    public func range(threshold: Double) -> ClosedRange<Double> {
      max(0, center - threshold * scale)...max(0, center + threshold * scale)
    }
  }

  /// The settings in force.
  public let configuration: Configuration
  /// When the first bucket was added.
  public internal(set) var firstBucket: Timestamp?
  /// Buckets added so far.
  public internal(set) var buckets = 0
  /// EWMA mean of the bucket values.
  public internal(set) var mean = 0.0
  /// EWMA variance of the bucket values.
  public internal(set) var variance = 0.0

  /// Per slot and week: median then MAD (`slot * weeks * 2 + week * 2`), as `HourSummaryCode`s;
  /// empty until an hour closes.
  var summaries: [UInt16] = []
  /// Per slot: how many weeks hold a summary (low 4 bits) and the week the next summary goes
  /// into (high 4 bits); weeks are at most 8.
  var rings: [UInt8] = []
  /// The absolute hour (hours since the epoch) of the open hour.
  var openHour: Int64?
  /// The open hour's bucket values.
  var hourValues: [Double] = []
  /// The absolute hour whose summary was added last (what a save since then has not seen).
  public internal(set) var lastClosedHour: Int64?

  /// Hour-of-week slots.
  public static let slots = 168

  /// An empty baseline.
  public init(configuration: Configuration = .init()) {
    var configuration = configuration
    configuration.weeks = min(8, max(1, configuration.weeks))
    configuration.minimumWeeks = min(configuration.weeks, max(1, configuration.minimumWeeks))
    self.configuration = configuration
  }

  /// The hour-of-week slot of a time: 0 is Monday 00:00–01:00 UTC.
  public static func slot(of time: Timestamp) -> Int { slot(hour: hour(of: time)) }

  static func hour(of time: Timestamp) -> Int64 {
    let ns = time.nanoseconds
    let perHour: Int64 = 3_600_000_000_000
    return ns >= 0 ? ns / perHour : (ns - perHour + 1) / perHour
  }

  static func slot(hour: Int64) -> Int {
    // 1970-01-01 was a Thursday: 72 hours after a Monday midnight.
    Int(((hour + 72) % 168 + 168) % 168)
  }

  /// Weeks of history the slot of `time` holds.
  public func weeksOfHistory(at time: Timestamp) -> Int {
    filledWeeks(slot: Self.slot(of: time))
  }

  /// Weeks of history slot `slot` holds.
  func filledWeeks(slot: Int) -> Int {
    rings.isEmpty ? 0 : Int(rings[slot] & 0x0F)
  }

  /// What the bucket starting at `time` is expected to hold; nil while still learning.
  public func expectation(at time: Timestamp) -> Expectation? {
    let slot = Self.slot(of: time)
    let weeks = filledWeeks(slot: slot)
    if weeks >= configuration.minimumWeeks {
      let base = slot * configuration.weeks * 2
      return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * weeks) { scratch in
        let medians = UnsafeMutableBufferPointer(rebasing: scratch[0..<weeks])
        let mads = UnsafeMutableBufferPointer(rebasing: scratch[weeks..<(2 * weeks)])
        for week in 0..<weeks {
          medians[week] = HourSummaryCode.decode(summaries[base + week * 2])
          mads[week] = HourSummaryCode.decode(summaries[base + week * 2 + 1])
        }
        let center = RobustStatistics.median(inPlace: medians)
        // Noise within the hour, or drift of the hour from week to week: whichever is larger.
        let within = RobustStatistics.median(inPlace: mads)
        for week in 0..<weeks { medians[week] = abs(medians[week] - center) }
        let across = RobustStatistics.median(inPlace: medians)
        let spread = 1.4826 * max(within, across)
        return Expectation(
          center: center, scale: scale(spread: spread, center: center),
          source: .seasonal(weeks: weeks))
      }
    }
    guard buckets >= configuration.minimumBuckets else { return nil }
    return Expectation(
      center: mean, scale: scale(spread: variance.squareRoot(), center: mean),
      source: .ewma(buckets: buckets))
  }

  private func scale(spread: Double, center: Double) -> Double {
    max(spread, max(0, center).squareRoot()) + configuration.epsilon
  }

  /// Adds the closed bucket starting at `time` with its summed `value`. Buckets arrive in time
  /// order, including empty ones (value 0).
  public mutating func add(_ value: Double, at time: Timestamp) {
    if firstBucket == nil { firstBucket = time }
    let hour = Self.hour(of: time)
    if let open = openHour, open != hour { closeHour(open) }
    openHour = hour
    hourValues.append(value)
    updateEWMA(value)
    buckets += 1
  }

  private mutating func updateEWMA(_ value: Double) {
    guard buckets > 0 else {
      mean = value
      return
    }
    var x = value
    if buckets >= configuration.minimumBuckets {
      let limit = configuration.ewmaClip * (variance.squareRoot() + configuration.epsilon)
      x = min(max(x, mean - limit), mean + limit)
    }
    let alpha = configuration.ewmaAlpha
    let diff = x - mean
    let increment = alpha * diff
    mean += increment
    variance = (1 - alpha) * (variance + diff * increment)
  }

  private mutating func closeHour(_ hour: Int64) {
    defer { hourValues.removeAll(keepingCapacity: true) }
    guard !hourValues.isEmpty else { return }
    let weeks = configuration.weeks
    if summaries.isEmpty {
      summaries = [UInt16](repeating: 0, count: Self.slots * weeks * 2)
      rings = [UInt8](repeating: 0, count: Self.slots)
    }
    let median = RobustStatistics.median(hourValues)
    let mad = RobustStatistics.mad(hourValues, around: median)
    let slot = Self.slot(hour: hour)
    let week = Int(rings[slot] >> 4)
    summaries[(slot * weeks + week) * 2] = HourSummaryCode.encode(median)
    summaries[(slot * weeks + week) * 2 + 1] = HourSummaryCode.encode(mad)
    let filled = min(weeks, filledWeeks(slot: slot) + 1)
    rings[slot] = UInt8((week + 1) % weeks) << 4 | UInt8(filled)
    lastClosedHour = hour
  }
}
