import VigilAudit
import VigilCore
import VigilJSON

/// Runs a simulated history through an analyzer and scores it: per attack, detected or not, by
/// which rules and after how long; false alerts (matched to no attack) per day after learning,
/// by rule; and whether every alert explains itself.
public enum ScenarioRunner {
  /// Scoring settings.
  public struct Configuration: Sendable {
    /// Alerts below this severity are audit trail (listed as informational), not false alerts.
    public var countedSeverity: Severity = .notice
    /// How often time is advanced between events.
    public var tick: Duration = .seconds(60)
    /// Creates the defaults.
    public init() {}
  }

  /// Runs `history` through `analyzer`.
  public static func run<Analyzer: ScenarioAnalyzer>(
    _ history: ClusterSimulator.Output, analyzer: inout Analyzer,
    configuration: Configuration = Configuration()
  ) -> ScenarioReport {
    let decoder = AuditDecoder()
    var indexer = JSONIndexer()
    var alerts: [Alert] = []
    var decoded: [Event] = []
    var diagnostics: [InputDiagnostic] = []
    var diagnosticCount = 0
    var nextTick = history.start.adding(configuration.tick)
    var line = 0
    for event in history.events {
      while event.time >= nextTick {
        alerts += analyzer.advance(to: nextTick)
        nextTick = nextTick.adding(configuration.tick)
      }
      switch event {
      case .audit(_, let text):
        line += 1
        decoded.removeAll(keepingCapacity: true)
        diagnostics.removeAll(keepingCapacity: true)
        decoder.decode(
          bytes: Array(text.utf8), at: SourcePosition(file: "scenario-audit.jsonl", line: line),
          indexer: &indexer, into: &decoded, diagnostics: &diagnostics)
        diagnosticCount += diagnostics.count
        for audit in decoded { alerts += analyzer.observe(audit: audit) }
      case .flow(let flow):
        alerts += analyzer.observe(flow: flow)
      case .inventory(let time, let type, let object):
        alerts += analyzer.observe(inventory: type, object: object, at: time)
      }
    }
    alerts += analyzer.advance(to: history.end.adding(.seconds(3600)))
    alerts += analyzer.finish()
    return score(
      alerts, history: history, diagnostics: diagnosticCount, configuration: configuration)
  }

  /// Scores `alerts` raised over `history`.
  public static func score(
    _ alerts: [Alert], history: ClusterSimulator.Output, diagnostics: Int = 0,
    configuration: Configuration = Configuration()
  ) -> ScenarioReport {
    var report = ScenarioReport(
      start: history.start, learningEnd: history.learningEnd, end: history.end,
      auditEvents: history.auditEvents, flows: history.flows, diagnostics: diagnostics)
    report.alerts = alerts.sorted { ($0.time, $0.rule) < ($1.time, $1.rule) }
    report.attacks = history.attacks.map { ScenarioReport.AttackResult(attack: $0) }
    for alert in report.alerts {
      if !ScenarioReport.explains(alert) { report.unexplained.append(alert) }
      var matched = false
      for index in report.attacks.indices where report.attacks[index].attack.isDetected(by: alert) {
        report.attacks[index].add(alert)
        matched = true
      }
      guard !matched else { continue }
      if alert.time < history.learningEnd {
        report.learningAlerts.append(alert)
      } else if alert.severity >= configuration.countedSeverity {
        report.falseAlerts.append(alert)
      } else {
        report.informational.append(alert)
      }
    }
    return report
  }
}
