import VigilCore

@testable import VigilDetect

/// Synthetic per-bucket counts with a daily rhythm (night lows, day highs) and seeded noise,
/// for the rate detector tests. Time starts on Monday 2026-11-02 00:00 UTC.
struct RhythmSeries {
  /// Monday 2026-11-02T00:00:00Z.
  static let monday = Timestamp(nanoseconds: 1_793_577_600 * 1_000_000_000)
  static let bucket: Int64 = 300 * 1_000_000_000

  var night: Double
  var peak: Double
  var state: UInt64

  init(night: Double = 5, peak: Double = 45, seed: UInt64 = 42) {
    self.night = night
    self.peak = peak
    self.state = seed
  }

  /// The expected count of bucket `index` (5-minute buckets since `monday`).
  func rate(_ index: Int) -> Double {
    let hour = Double(index % 288) / 12
    guard hour > 6, hour < 20 else { return night }
    return night + (peak - night) * sinPi((hour - 6) / 14)
  }

  /// A count drawn around `rate(index)`: rate + √rate·z, z roughly normal, rounded, ≥ 0.
  mutating func count(_ index: Int) -> Double {
    let lambda = rate(index)
    var z = -6.0
    for _ in 0..<12 { z += uniform() }
    return max(0, (lambda + lambda.squareRoot() * z).rounded())
  }

  mutating func uniform() -> Double {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return Double(z >> 11) / Double(1 << 53)
  }

  static func time(_ index: Int) -> Timestamp {
    Timestamp(nanoseconds: monday.nanoseconds + Int64(index) * bucket)
  }

  private func sinPi(_ x: Double) -> Double {
    // sin(πx) for x in [0, 1] by a Bhaskara-style approximation: enough for a rhythm.
    let t = x * (1 - x)
    return 16 * t / (5 - 4 * t)
  }
}

/// Feeds `buckets` of a series to a detector, one observation per bucket in its middle, with
/// `override` replacing chosen buckets' values; returns every alert (advancing past the end).
func feed(
  _ detector: inout RateDetector, entity: EntityKey, series kind: SeriesKind,
  buckets: Range<Int>, rhythm: inout RhythmSeries, override: [Int: Double] = [:]
) -> [Alert] {
  var alerts: [Alert] = []
  for index in buckets {
    let value = override[index] ?? rhythm.count(index)
    let time = RhythmSeries.time(index).adding(.seconds(150))
    alerts += detector.advance(to: RhythmSeries.time(index))
    if value > 0 {
      alerts += detector.observe(
        SeriesObservation(entity: entity, series: kind, time: time, amount: value))
    }
  }
  alerts += detector.advance(to: RhythmSeries.time(buckets.upperBound))
  return alerts
}

/// The value of an alert's field, nil when absent.
func field(_ alert: Alert, _ name: String) -> String? {
  alert.fields.first { $0.name == name }?.value ?? nil
}
