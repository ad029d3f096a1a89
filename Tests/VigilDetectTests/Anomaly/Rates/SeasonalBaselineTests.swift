import Testing
import VigilCore

@testable import VigilDetect

@Suite struct SeasonalBaselineTests {
  @Test func hourOfWeekSlots() {
    #expect(SeasonalBaseline.slot(of: RhythmSeries.monday) == 0)
    #expect(SeasonalBaseline.slot(of: RhythmSeries.monday.adding(.seconds(3600 * 25 + 10))) == 25)
    #expect(SeasonalBaseline.slot(of: RhythmSeries.monday.adding(.seconds(-1))) == 167)
    #expect(SeasonalBaseline.slot(of: Timestamp(nanoseconds: 0)) == 72)
  }

  @Test func learnsMedianAndMADPerSlot() throws {
    var baseline = SeasonalBaseline()
    // Three weeks where Monday 10:00 holds 100 ± 4 and every other hour 10.
    for week in 0..<3 {
      for index in 0..<(7 * 288) {
        let hour = index / 12
        let value = hour == 10 ? 100 + Double(index % 3 - 1) * 4 : 10
        baseline.add(value, at: RhythmSeries.time(week * 7 * 288 + index))
      }
    }
    let monday10 = RhythmSeries.time(3 * 7 * 288 + 10 * 12)
    let expectation = try #require(baseline.expectation(at: monday10))
    // Hour summaries are kept in 16 bits (within 0.034 % of 1 + value).
    #expect(abs(expectation.center - 100) < 0.04)
    #expect(expectation.source == .seasonal(weeks: 3))
    // MAD 4 → 1.4826·4 ≈ 5.9, at least √100 = 10 for count noise, plus ε.
    #expect(abs(expectation.scale - 11) < 0.01)
    let other = try #require(baseline.expectation(at: monday10.adding(.seconds(7200))))
    #expect(abs(other.center - 10) < 0.004)
  }

  @Test func ewmaUntilTheSlotHasWeeks() throws {
    var baseline = SeasonalBaseline()
    #expect(baseline.expectation(at: RhythmSeries.monday) == nil)
    for index in 0..<30 { baseline.add(20, at: RhythmSeries.time(index)) }
    let expectation = try #require(baseline.expectation(at: RhythmSeries.time(30)))
    #expect(expectation.source == .ewma(buckets: 30))
    #expect(abs(expectation.center - 20) < 1e-9)
  }

  @Test func formatting() {
    #expect(StatisticalFormat.number(1240) == "1,240")
    #expect(StatisticalFormat.number(1_234_567) == "1,234,567")
    #expect(StatisticalFormat.number(3.25) == "3.3" || StatisticalFormat.number(3.25) == "3.2")
    #expect(StatisticalFormat.bytes(12_400_000) == "12.4 MB")
    #expect(StatisticalFormat.bytes(940) == "940 B")
  }
}
