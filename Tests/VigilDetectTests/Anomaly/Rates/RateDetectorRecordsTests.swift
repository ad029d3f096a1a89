import Foundation
import Testing
import VigilCore

@testable import VigilDetect

@Suite struct RateDetectorRecordsTests {
  static let web = EntityKey.workload(namespace: "shop", kind: "Deployment", name: "web")
  static let ci = EntityKey.serviceAccount(namespace: "ci", name: "deployer")

  /// Three weeks of two series with a daily rhythm, a bucket at a time.
  static func learned(weeks: Int = 3) -> RateDetector {
    var detector = RateDetector()
    var rhythm = RhythmSeries()
    for index in 0..<(weeks * 7 * 288) {
      let time = RhythmSeries.time(index)
      _ = detector.observe(
        SeriesObservation(
          entity: web, series: .connections, time: time, amount: rhythm.count(index)))
      _ = detector.observe(
        SeriesObservation(entity: ci, series: .writes, time: time, amount: 3))
    }
    _ = detector.advance(to: RhythmSeries.time(weeks * 7 * 288))
    return detector
  }

  @Test func recordsRestoreTheSameExpectationsThroughJSON() throws {
    let original = Self.learned()
    let records = original.records(closedAfterHour: nil)
    #expect(
      records.map(\.key) == [
        "connections/workload:shop/Deployment/web", "writes/serviceAccount:ci/deployer",
      ])
    let json = try JSONEncoder().encode(records)
    // Two series of 2,016 16-bit summaries: well under 20 KB of JSON.
    #expect(json.count < 20_000)
    var copy = RateDetector()
    #expect(copy.restore(try JSONDecoder().decode([RateSeriesRecord].self, from: json)) == 2)
    for hours in [0, 9, 13, 30, 100] {
      let time = RhythmSeries.time(21 * 288 + hours * 12)
      let expected = original.baseline(of: Self.web, .connections)?.expectation(at: time)
      let restored = copy.baseline(of: Self.web, .connections)?.expectation(at: time)
      #expect(expected != nil && restored == expected)
    }
    #expect(copy.records(closedAfterHour: nil) == records)
  }

  @Test func onlySeriesThatClosedAnHourSinceTheMarkAreWritten() throws {
    var detector = Self.learned(weeks: 1)
    // Advanced to Monday 00:00: the last closed bucket is Sunday 23:55, whose hour is still
    // open, so Sunday 22:00 is the last hour summarized.
    var mark = try #require(detector.closedThroughHour)
    #expect(detector.records(closedAfterHour: mark).isEmpty)
    let end = 7 * 288
    // At 00:30 Sunday 23:00 has been summarized by both series.
    _ = detector.advance(to: RhythmSeries.time(end + 6))
    #expect(detector.records(closedAfterHour: mark).count == 2)
    mark = try #require(detector.closedThroughHour)
    // At 00:55 nothing more; at 01:05 Monday 00:00 is summarized.
    _ = detector.advance(to: RhythmSeries.time(end + 11))
    #expect(detector.records(closedAfterHour: mark).isEmpty)
    _ = detector.advance(to: RhythmSeries.time(end + 13))
    #expect(detector.records(closedAfterHour: mark).count == 2)
    #expect(detector.closedThroughHour == mark + 1)
    // Observing one series does not move the mark: the other has not closed its buckets.
    _ = detector.observe(
      SeriesObservation(
        entity: Self.web, series: .connections, time: RhythmSeries.time(end + 40), amount: 5))
    #expect(detector.closedThroughHour == mark + 1)
  }

  @Test func aRestartsDowntimeIsNotLearnedAsEmptyBuckets() throws {
    let original = Self.learned(weeks: 1)
    var restarted = RateDetector()
    #expect(restarted.restore(original.records(closedAfterHour: nil)) == 2)
    var continued = original
    // Five hours later: the detector that ran on closes 60 empty buckets; the restored one
    // closes its open bucket and skips the downtime.
    let later = RhythmSeries.time(7 * 288 + 60)
    _ = continued.advance(to: later)
    _ = restarted.advance(to: later)
    let before = try #require(original.baseline(of: Self.ci, .writes)?.buckets)
    #expect(continued.baseline(of: Self.ci, .writes)?.buckets == before + 60)
    #expect(restarted.baseline(of: Self.ci, .writes)?.buckets == before + 1)
  }

  @Test func recordsThatDoNotFitAreSkipped() {
    let good = Self.learned(weeks: 1).records(closedAfterHour: nil)
    var wrongWeeks = good[0]
    wrongWeeks.baseline.weeks = 4
    var badEntity = good[0]
    badEntity.entity = "pod:web-1"
    var badSeries = good[0]
    badSeries.series = "packets"
    var truncated = good[0]
    truncated.baseline.summaries = String(truncated.baseline.summaries.dropLast(8))
    var detector = RateDetector()
    #expect(detector.restore([wrongWeeks, badEntity, badSeries, truncated]) == 0)
    #expect(detector.seriesCount == 0)
  }
}
