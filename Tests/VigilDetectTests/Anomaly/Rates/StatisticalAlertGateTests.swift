import Testing
import VigilCore

@testable import VigilDetect

@Suite struct StatisticalAlertGateTests {
  static func alert(minute: Int, value: String, key: String = "k") -> Alert {
    let time = RhythmSeries.monday.adding(.seconds(minute * 60))
    return Alert(
      rule: "r", severity: .warning, time: time, lastSeen: time.adding(.seconds(60)),
      output: value, source: StatisticalAlert.source, tags: [], fields: [],
      subject: AlertSubject(), evidence: [], dedupKey: key)
  }

  @Test func firstGoesOutRepeatsFoldIntoTheStrongest() throws {
    var gate = StatisticalAlertGate()
    #expect(gate.admit(Self.alert(minute: 0, value: "a"), strength: 7) != nil)
    #expect(gate.admit(Self.alert(minute: 5, value: "b"), strength: 9) == nil)
    #expect(gate.admit(Self.alert(minute: 10, value: "c"), strength: 8) == nil)
    // Another key is its own window.
    #expect(gate.admit(Self.alert(minute: 10, value: "x", key: "other"), strength: 1) != nil)
    #expect(gate.flush(upTo: RhythmSeries.monday.adding(.seconds(59 * 60))).isEmpty)
    let out = gate.flush(upTo: RhythmSeries.monday.adding(.seconds(60 * 60)))
    let summary = try #require(out.first)
    #expect(out.count == 1)
    #expect(summary.output == "b" && summary.count == 2)
    #expect(summary.time == RhythmSeries.monday.adding(.seconds(5 * 60)))
    #expect(summary.lastSeen == RhythmSeries.monday.adding(.seconds(11 * 60)))
    // The window closed: the next one goes out at once.
    #expect(gate.admit(Self.alert(minute: 61, value: "d"), strength: 1) != nil)
  }

  @Test func subjects() {
    let sa = StatisticalAlert.subject(.serviceAccount(namespace: "ci", name: "bot"))
    #expect(sa.user == "system:serviceaccount:ci:bot" && sa.namespace == "ci")
    let workload = StatisticalAlert.subject(
      .workload(namespace: "shop", kind: "StatefulSet", name: "db"))
    #expect(workload.resource == "statefulsets" && workload.name == "db")
    #expect(StatisticalAlert.subject(.namespace("shop")).resource == "namespaces")
  }
}
