import VigilCore

/// What a scenario run found: per attack, whether and how fast it was detected; the false
/// alerts after learning by rule; the alerts that do not explain themselves.
public struct ScenarioReport: Sendable {
  /// One attack's outcome.
  public struct AttackResult: Sendable {
    /// The attack.
    public var attack: ScenarioAttack
    /// The alerts that detect it.
    public var alerts: [Alert] = []

    /// Whether any alert detects it.
    public var isDetected: Bool { !alerts.isEmpty }
    /// The rules of the detecting alerts, sorted.
    public var rules: [String] { Array(Set(alerts.map(\.rule))).sorted() }
    /// From injection to the first detecting alert.
    public var timeToDetection: Duration? {
      alerts.map { max($0.time, attack.injectedAt) }.min().map { $0.since(attack.injectedAt) }
    }

    mutating func add(_ alert: Alert) { alerts.append(alert) }
  }

  /// The first instant.
  public var start: Timestamp
  /// When learning ends.
  public var learningEnd: Timestamp
  /// The end.
  public var end: Timestamp
  /// Audit events run.
  public var auditEvents: Int
  /// Flows run.
  public var flows: Int
  /// Audit lines the decoder did not take cleanly (0 when the simulation writes valid shapes).
  public var diagnostics: Int
  /// Every alert, in time order.
  public var alerts: [Alert] = []
  /// The attacks, by start time.
  public var attacks: [AttackResult] = []
  /// Alerts after learning matched to no attack, at or above the counted severity.
  public var falseAlerts: [Alert] = []
  /// Alerts after learning matched to no attack, below the counted severity (audit trail).
  public var informational: [Alert] = []
  /// Alerts during learning matched to no attack.
  public var learningAlerts: [Alert] = []
  /// Alerts that do not explain themselves (no output, no ATT&CK technique or no controls).
  public var unexplained: [Alert] = []

  /// Simulated days after learning.
  public var daysAfterLearning: Double {
    max(0, end.since(learningEnd) / .seconds(86_400))
  }

  /// False alerts per simulated day after learning.
  public var falseAlertsPerDay: Double {
    daysAfterLearning > 0 ? Double(falseAlerts.count) / daysAfterLearning : 0
  }

  /// The suite's targets (issue 7): every injected attack detected, at most
  /// ``maximumFalseAlertsPerDay`` false alerts per simulated day after learning, every alert
  /// explained.
  public var meetsTargets: Bool {
    attacks.allSatisfy(\.isDetected) && falseAlertsPerDay <= Self.maximumFalseAlertsPerDay
      && unexplained.isEmpty
  }

  /// The false-alert budget per simulated cluster-day (Hopper reports < 9 a day).
  public static let maximumFalseAlertsPerDay = 5.0

  /// False alerts in each simulated day after learning (day numbers from 1).
  public var falseAlertsByDay: [(day: Int, count: Int)] {
    let dayLength: Int64 = 86_400 * 1_000_000_000
    let first = Int((learningEnd.nanoseconds - start.nanoseconds) / dayLength) + 1
    let last = Int((end.nanoseconds - start.nanoseconds + dayLength - 1) / dayLength)
    guard first <= last else { return [] }
    var counts = Array(repeating: 0, count: last - first + 1)
    for alert in falseAlerts {
      let day = Int((alert.time.nanoseconds - start.nanoseconds) / dayLength) + 1
      if day >= first && day <= last { counts[day - first] += 1 }
    }
    return counts.enumerated().map { (day: first + $0.offset, count: $0.element) }
  }

  /// The number of alerts per rule, most first (then by name).
  public static func countByRule(_ alerts: [Alert]) -> [(rule: String, count: Int)] {
    var counts: [String: Int] = [:]
    for alert in alerts { counts[alert.rule, default: 0] += 1 }
    let pairs: [(rule: String, count: Int)] = counts.map { (rule: $0.key, count: $0.value) }
    return pairs.sorted { $0.count != $1.count ? $0.count > $1.count : $0.rule < $1.rule }
  }

  /// Whether `alert` explains itself: an output, at least one ATT&CK technique, and controls.
  public static func explains(_ alert: Alert) -> Bool {
    alert.output.contains { !$0.isWhitespace }
      && alert.tags.contains { $0.hasPrefix("mitre:") } && !alert.controls.isEmpty
  }
}
