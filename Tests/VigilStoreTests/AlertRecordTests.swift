import Testing
import VigilCore
import VigilStore

@Suite("AlertRecord")
struct AlertRecordTests {
  @Test("the window start is the bucket floor, also before 1970; zero windows do not bucket")
  func windowStart() {
    let minute = Duration.seconds(60)
    func start(_ nanoseconds: Int64, _ window: Duration) -> Int64 {
      AlertRecord.windowStart(of: Timestamp(nanoseconds: nanoseconds), window: window).nanoseconds
    }
    #expect(start(125_000_000_000, minute) == 120_000_000_000)
    #expect(start(120_000_000_000, minute) == 120_000_000_000)
    #expect(start(-1, minute) == -60_000_000_000)
    #expect(start(-60_000_000_000, minute) == -60_000_000_000)
    #expect(start(123_456_789, .zero) == 123_456_789)
    #expect(start(123_456_789, .milliseconds(100)) == 100_000_000)
    #expect(start(123, .seconds(Int64.max)) == 0)
  }

  @Test("a record converts back to the same alert")
  func alertRoundTrip() {
    let alert = StoreFixtures.alert(at: 3, count: 7)
    let record = AlertRecord(alert: alert, window: .seconds(10))
    #expect(record.alert == alert)
    #expect(record.windowStart <= alert.time)
  }

  @Test("merging adds counts, widens the span, keeps the first description, dedups evidence")
  func merging() {
    let first = AlertRecord(alert: StoreFixtures.alert(at: 10, auditID: "a"), window: .seconds(60))
    var second = AlertRecord(
      alert: StoreFixtures.alert(
        severity: .error, at: 20, output: "later text", auditID: "b", count: 3),
      window: .seconds(60))
    second.evidence.append(first.evidence[0])
    let merged = first.merging(second)
    #expect(merged.count == 4)
    #expect(merged.time == first.time)
    #expect(merged.lastSeen == second.lastSeen)
    #expect(merged.severity == .error)
    #expect(merged.output == first.output)
    #expect(merged.evidence.compactMap(\.auditID) == ["a", "b"])
    #expect(merged.windowStart == first.windowStart)
  }
}
