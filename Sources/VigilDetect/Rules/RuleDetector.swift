import VigilCore
import VigilRules

/// Runs a compiled rule set over events: each matching rule becomes an alert; rules with a
/// `burst` spec report once per burst, with the count, through a `BurstTracker` per rule.
public struct RuleDetector: Detector, Sendable {
  /// The rules in force.
  public let rules: RuleSet
  /// Per rule (by index in `rules.rules`): its compliance controls, computed once.
  private let controls: [[ComplianceControl]]
  /// Per burst rule (by index): the `by` fields and the burst state, updated in place.
  private var bursts: [Int: (key: BurstKey, tracker: BurstTracker)] = [:]

  /// Creates a detector over a rule set.
  public init(rules: RuleSet) {
    self.rules = rules
    self.controls = rules.rules.map { ControlCatalog.controls(rule: $0.name, tags: $0.tags) }
    for (index, rule) in rules.rules.enumerated() {
      guard let burst = rule.burst else { continue }
      bursts[index] = (BurstKey(burst), BurstTracker(threshold: burst.count, window: burst.window))
    }
  }

  public mutating func observe(_ event: Event, at now: Timestamp) -> [Alert] {
    var alerts: [Alert] = []
    for match in rules.evaluate(event) {
      let rule = match.rule
      let controls = controls.indices.contains(match.index) ? controls[match.index] : []
      guard let burst = rule.burst, let keyValues = bursts[match.index]?.key.values(for: event)
      else {
        alerts.append(makeAlert(rule, event, controls, suffix: nil, count: 1, start: event.time))
        continue
      }
      let key = keyValues.joined(separator: "\u{1f}")
      guard let outcome = bursts[match.index]?.tracker.record(key: key, at: event.time) else {
        continue
      }
      switch outcome {
      case .counting: break
      case .started(let count, let start):
        let suffix = " (burst: \(count) matching events within \(DurationText.format(burst.window)))"
        var alert = makeAlert(rule, event, controls, suffix: suffix, count: count, start: start)
        alert.dedupKey = DedupKey.make([rule.name, "burst"] + keyValues)
        alerts.append(alert)
      case .continuing:
        var alert = makeAlert(rule, event, controls, suffix: nil, count: 1, start: event.time)
        alert.dedupKey = DedupKey.make([rule.name, "burst"] + keyValues)
        alerts.append(alert)
      }
    }
    return alerts
  }

  private func makeAlert(
    _ rule: CompiledRule, _ event: Event, _ controls: [ComplianceControl], suffix: String?,
    count: Int, start: Timestamp
  ) -> Alert {
    let rendered = rule.render(event)
    let output = rendered.output + (suffix ?? "")
    let subject = event.audit.map(AlertSubject.init(audit:)) ?? AlertSubject()
    return Alert(
      rule: rule.name, severity: rule.priority, time: start, lastSeen: event.time, output: output,
      source: event.source, tags: rule.tags,
      controls: controls, fields: rendered.fields,
      subject: subject,
      evidence: [Evidence(event: event)], dedupKey: DedupKey.make([rule.name, rendered.output]),
      count: count)
  }
}
