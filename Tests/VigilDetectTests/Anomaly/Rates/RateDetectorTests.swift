import Testing
import VigilCore

@testable import VigilDetect

@Suite struct RateDetectorTests {
  let api = EntityKey.workload(namespace: "payments", kind: "Deployment", name: "api")
  static let week = 7 * 288

  @Test func normalRhythmOverWeeksNeverAlerts() {
    var detector = RateDetector()
    var rhythm = RhythmSeries(seed: 1)
    let alerts = feed(
      &detector, entity: api, series: .writes, buckets: 0..<(5 * Self.week), rhythm: &rhythm)
    #expect(alerts.isEmpty, "\(alerts.map(\.output))")
    // The baseline did learn the rhythm: a day-time slot expects far more than a night one.
    let baseline = detector.baseline(of: api, .writes)
    let day = baseline?.expectation(at: RhythmSeries.time(5 * Self.week + 13 * 12))
    let night = baseline?.expectation(at: RhythmSeries.time(5 * Self.week + 2 * 12))
    #expect((day?.center ?? 0) > 35)
    #expect((night?.center ?? 99) < 8)
    #expect(day?.source == .seasonal(weeks: 5))
  }

  @Test func firstDaysOfARhythmOnTheFallbackDoNotAlert() {
    // Before any hour-of-week slot has two weeks, the EWMA follows the morning ramp and the
    // evening fall without alerting.
    var detector = RateDetector()
    var rhythm = RhythmSeries(night: 10, peak: 120, seed: 9)
    let alerts = feed(
      &detector, entity: api, series: .apiCalls, buckets: 0..<(7 * 288), rhythm: &rhythm)
    #expect(alerts.isEmpty, "\(alerts.map(\.output))")
  }

  @Test func burstAlertsWithTheExpectedRange() throws {
    var detector = RateDetector()
    var rhythm = RhythmSeries(seed: 2)
    // Wednesday of week 5, 14:00–14:05: 1,240 writes instead of about 40.
    let burst = 4 * Self.week + 2 * 288 + 14 * 12
    var alerts = feed(
      &detector, entity: api, series: .writes, buckets: 0..<burst, rhythm: &rhythm)
    #expect(alerts.isEmpty)
    let expectation = try #require(
      detector.baseline(of: api, .writes)?.expectation(at: RhythmSeries.time(burst)))
    alerts = feed(
      &detector, entity: api, series: .writes, buckets: burst..<(burst + 1), rhythm: &rhythm,
      override: [burst: 1240])
    let alert = try #require(alerts.first)
    #expect(alerts.count == 1)
    let range = expectation.range(threshold: 6)
    #expect(!range.contains(1240))
    #expect(expectation.center > 30 && expectation.center < 50)
    let low = StatisticalFormat.number(range.lowerBound)
    let high = StatisticalFormat.number(range.upperBound)
    let median = StatisticalFormat.number(expectation.center)
    #expect(
      alert.output
        == "Unusual rate of API writes for workload payments/Deployment/api: 1,240 API writes "
        + "in 5 min; expected \(low)–\(high) (hour-of-week median \(median), 4 weeks of history)")
    #expect(alert.time == RhythmSeries.time(burst))
    #expect(alert.source == "vigil_anomaly")
    #expect(alert.tags.contains("mitre:T1106"))
    #expect(alert.controls.contains(ComplianceControl(framework: .nist, id: "SI-4")))
    #expect(alert.subject.namespace == "payments")
    #expect(alert.subject.name == "api")
    #expect(field(alert, "anomaly.baseline") == "seasonal")
    #expect(field(alert, "anomaly.expected_high") == high)
    #expect(field(alert, "anomaly.history") == "4 weeks")
  }

  @Test func quietSeriesNeverAlert() {
    var detector = RateDetector()
    var rhythm = RhythmSeries(night: 0.2, peak: 1.5, seed: 3)
    // Two weeks of a handful of 401/403s, then a bucket of 15: many deviations, no volume.
    let alerts = feed(
      &detector, entity: .user("alice@example.com"), series: .authFailures,
      buckets: 0..<(2 * Self.week), rhythm: &rhythm, override: [Self.week + 100: 15])
    #expect(alerts.isEmpty, "\(alerts.map(\.output))")
  }

  @Test func quietSeriesAlertsOnAFloodAboveTheFloor() throws {
    var detector = RateDetector()
    var rhythm = RhythmSeries(night: 0.2, peak: 1.5, seed: 4)
    let flood = Self.week + 100
    let alerts = feed(
      &detector, entity: .user("alice@example.com"), series: .authFailures,
      buckets: 0..<(flood + 1), rhythm: &rhythm, override: [flood: 400])
    let alert = try #require(alerts.first)
    #expect(alerts.count == 1)
    #expect(alert.tags.contains("mitre:T1110"))
    #expect(alert.output.contains("400 401/403 responses in 5 min"))
    #expect(alert.subject.user == "alice@example.com")
  }

  @Test func nothingAlertsWhileLearning() {
    var detector = RateDetector()
    var rhythm = RhythmSeries(night: 30, peak: 30, seed: 5)
    // One hour is not enough to trust anything: even 2,000 calls in a bucket alert nobody.
    let alerts = feed(
      &detector, entity: api, series: .apiCalls, buckets: 0..<12, rhythm: &rhythm,
      override: [11: 2000])
    #expect(alerts.isEmpty)
  }

  @Test func newSeriesFallsBackToEWMA() throws {
    var detector = RateDetector()
    var rhythm = RhythmSeries(night: 30, peak: 30, seed: 5)
    let entity = EntityKey.serviceAccount(namespace: "ci", name: "deployer")
    var alerts: [Alert] = []
    // Six hours of about 30 calls per bucket, then 600.
    alerts = feed(
      &detector, entity: entity, series: .apiCalls, buckets: 0..<73, rhythm: &rhythm,
      override: [72: 600])
    let alert = try #require(alerts.first)
    #expect(alerts.count == 1)
    #expect(field(alert, "anomaly.baseline") == "ewma")
    #expect(alert.output.contains("no hour-of-week baseline yet"))
    #expect(alert.output.contains("600 API calls in 5 min"))
    #expect(alert.subject.user == "system:serviceaccount:ci:deployer")
    let mean = try #require(Double(field(alert, "anomaly.expected") ?? "x"))
    #expect(mean > 25 && mean < 60)
  }

  @Test func repeatsAggregatePerEntityAndSeriesPerHour() throws {
    var detector = RateDetector()
    var rhythm = RhythmSeries(night: 30, peak: 30, seed: 6)
    var burst: [Int: Double] = [:]
    for index in 100..<104 { burst[index] = 900 + Double(index) }
    let alerts = feed(
      &detector, entity: api, series: .connections, buckets: 0..<200, rhythm: &rhythm,
      override: burst)
    #expect(alerts.count == 2)
    let first = try #require(alerts.first)
    let summary = try #require(alerts.last)
    #expect(first.count == 1 && first.time == RhythmSeries.time(100))
    // The three later buckets of the burst, folded into one alert when the hour closed: the
    // strongest of them, with the span of all.
    #expect(summary.count == 3)
    #expect(summary.dedupKey == first.dedupKey)
    #expect(summary.time == RhythmSeries.time(101))
    #expect(summary.lastSeen == RhythmSeries.time(104))
    // The baseline widens a little with each clipped burst bucket, so the first repeat deviates
    // most and is the one held.
    #expect(field(summary, "anomaly.value") == "1,001")
  }

  @Test func namespaceSensitivityScalesTheThreshold() {
    var rhythm = RhythmSeries(night: 40, peak: 40, seed: 7)
    var copy = rhythm
    var configuration = RateDetector.Configuration()
    configuration.namespaceSensitivity = ["payments": 1.5]
    var sensitive = RateDetector(configuration: configuration)
    var normal = RateDetector()
    // About 5.5 robust deviations: above 6 / 1.5, below 6.
    let spike = [150: 80.0]
    let loud = feed(
      &sensitive, entity: api, series: .apiCalls, buckets: 0..<151, rhythm: &rhythm,
      override: spike)
    let calm = feed(
      &normal, entity: api, series: .apiCalls, buckets: 0..<151, rhythm: &copy, override: spike)
    #expect(loud.count == 1)
    #expect(loud.first?.time == RhythmSeries.time(150))
    #expect(calm.isEmpty)
  }

  @Test func dropsAlertOnlyWhenEnabled() {
    var configuration = RateDetector.Configuration()
    configuration.drops = [.connections]
    var withDrops = RateDetector(configuration: configuration)
    var plain = RateDetector()
    var rhythm = RhythmSeries(night: 200, peak: 200, seed: 8)
    var copy = rhythm
    let outage = [150: 0.0]
    let low = feed(
      &withDrops, entity: api, series: .connections, buckets: 0..<151, rhythm: &rhythm,
      override: outage)
    let none = feed(
      &plain, entity: api, series: .connections, buckets: 0..<151, rhythm: &copy,
      override: outage)
    #expect(low.count == 1)
    #expect(low.first?.output.hasPrefix("Unusually low rate of connections") == true)
    #expect(none.isEmpty)
  }
}
