import VigilCore
import VigilRules

/// Runs a compiled rule set over events: each matching rule becomes an alert; rules with a
/// `burst` spec report once per burst, with the count, through a `BurstTracker` per rule.
public struct RuleDetector: Detector, Sendable {
  /// The rules in force.
  public let rules: RuleSet
  private var trackers: [String: BurstTracker] = [:]
  private var keys: [String: BurstKey] = [:]

  /// Creates a detector over a rule set.
  public init(rules: RuleSet) {
    self.rules = rules
  }

  public mutating func observe(_ event: Event, at now: Timestamp) -> [Alert] {
    var alerts: [Alert] = []
    for match in rules.evaluate(event) {
      let rule = match.rule
      guard let burst = rule.burst else {
        alerts.append(makeAlert(rule, event, suffix: nil, count: 1, start: event.time))
        continue
      }
      let burstKey = keys[rule.name] ?? BurstKey(burst)
      keys[rule.name] = burstKey
      let keyValues = burstKey.values(for: event)
      let key = keyValues.joined(separator: "\u{1f}")
      var tracker = trackers[rule.name] ?? BurstTracker(threshold: burst.count, window: burst.window)
      let outcome = tracker.record(key: key, at: event.time)
      trackers[rule.name] = tracker
      switch outcome {
      case .counting: break
      case .started(let count, let start):
        let suffix = " (burst: \(count) matching events within \(DurationText.format(burst.window)))"
        var alert = makeAlert(rule, event, suffix: suffix, count: count, start: start)
        alert.dedupKey = DedupKey.make([rule.name, "burst"] + keyValues)
        alerts.append(alert)
      case .continuing:
        var alert = makeAlert(rule, event, suffix: nil, count: 1, start: event.time)
        alert.dedupKey = DedupKey.make([rule.name, "burst"] + keyValues)
        alerts.append(alert)
      }
    }
    return alerts
  }

  private func makeAlert(
    _ rule: CompiledRule, _ event: Event, suffix: String?, count: Int, start: Timestamp
  ) -> Alert {
    let rendered = rule.render(event)
    let output = rendered.output + (suffix ?? "")
    let subject = event.audit.map(AlertSubject.init(audit:)) ?? AlertSubject()
    return Alert(
      rule: rule.name, severity: rule.priority, time: start, lastSeen: event.time, output: output,
      source: event.source, tags: rule.tags,
      controls: ControlCatalog.controls(rule: rule.name, tags: rule.tags), fields: rendered.fields,
      subject: subject,
      evidence: [Evidence(event: event)], dedupKey: DedupKey.make([rule.name, rendered.output]),
      count: count)
  }
}
