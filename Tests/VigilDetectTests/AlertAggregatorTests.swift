import Testing
import VigilCore
import VigilDetect

@Suite struct AlertAggregatorTests {
  func alert(_ key: String, at seconds: Int64, rule: String = "r") -> Alert {
    Alert(
      rule: rule, severity: .warning, time: Timestamp(nanoseconds: seconds * 1_000_000_000),
      output: "out \(key)", source: "k8s_audit", tags: [], fields: [], subject: AlertSubject(),
      evidence: [
        Evidence(
          auditID: "id-\(seconds)", stage: nil,
          time: Timestamp(nanoseconds: seconds * 1_000_000_000),
          position: SourcePosition(file: "f", line: Int(seconds)))
      ], dedupKey: key)
  }

  @Test func identicalAlertsWithinTheWindowBecomeOneWithACount() {
    var configuration = AlertAggregator.Configuration()
    configuration.window = .seconds(60)
    configuration.maxEvidence = 2
    var aggregator = AlertAggregator(configuration: configuration)
    aggregator.add(alert("a", at: 0))
    aggregator.add(alert("a", at: 10))
    aggregator.add(alert("b", at: 20))
    aggregator.add(alert("a", at: 30))
    #expect(aggregator.flush(upTo: Timestamp(nanoseconds: 59_000_000_000)).isEmpty)
    let released = aggregator.flush(upTo: Timestamp(nanoseconds: 60_000_000_000))
    #expect(released.map(\.dedupKey) == ["a"])
    #expect(released.first?.count == 3)
    #expect(released.first?.lastSeen == Timestamp(nanoseconds: 30_000_000_000))
    #expect(released.first?.evidence.count == 2)
    #expect(aggregator.finish().map(\.dedupKey) == ["b"])
    #expect(aggregator.openCount == 0)
  }

  @Test func anAlertAfterTheWindowStartsANewGroup() {
    var configuration = AlertAggregator.Configuration()
    configuration.window = .seconds(60)
    var aggregator = AlertAggregator(configuration: configuration)
    aggregator.add(alert("a", at: 0))
    aggregator.add(alert("a", at: 61))
    let released = aggregator.flush(upTo: Timestamp(nanoseconds: 61_000_000_000))
    #expect(released.map(\.count) == [1])
    let rest = aggregator.finish()
    #expect(rest.map(\.count) == [1])
    #expect(rest.first?.time == Timestamp(nanoseconds: 61_000_000_000))
  }

  @Test func zeroWindowReportsEveryAlert() {
    var configuration = AlertAggregator.Configuration()
    configuration.window = .zero
    var aggregator = AlertAggregator(configuration: configuration)
    var released: [Alert] = []
    for s in 0..<5 as Range<Int64> {
      aggregator.add(alert("a", at: s))
      released += aggregator.flush(upTo: Timestamp(nanoseconds: s * 1_000_000_000))
    }
    released += aggregator.finish()
    #expect(released.count == 5)
    #expect(released.allSatisfy { $0.count == 1 })
  }
}
