import VigilCore

/// One stored alert row: every field of `VigilCore.Alert`, plus the start of the aggregation
/// window it belongs to. `(dedupKey, windowStart)` is unique in a store.
public struct AlertRecord: Sendable, Hashable {
  /// The rule or detector that fired.
  public var rule: String
  /// How urgent it is.
  public var severity: Severity
  /// When the first aggregated occurrence happened.
  public var time: Timestamp
  /// When the last aggregated occurrence happened.
  public var lastSeen: Timestamp
  /// The rendered output text.
  public var output: String
  /// The rule source (`k8s_audit`).
  public var source: String
  /// The rule's tags as written.
  public var tags: [String]
  /// The compliance controls and ATT&CK techniques.
  public var controls: [ComplianceControl]
  /// The output fields with their values.
  public var fields: [AlertField]
  /// Who did it, from where, to what.
  public var subject: AlertSubject
  /// The first evidence events (at most ``evidenceLimit`` after aggregation).
  public var evidence: [Evidence]
  /// Identical alerts share this key.
  public var dedupKey: String
  /// How many occurrences this row stands for.
  public var count: Int
  /// The start of the aggregation window (the alert's time when not aggregated).
  public var windowStart: Timestamp

  /// How many evidence entries an aggregated alert keeps (the first ones).
  public static let evidenceLimit = 20

  /// The record of an alert in the `window`-long bucket (aligned on the epoch) holding its time;
  /// a zero or negative window makes the window start the alert's own time.
  public init(alert: Alert, window: Duration) {
    self.init(alert: alert, windowStart: AlertRecord.windowStart(of: alert.time, window: window))
  }

  /// The record of an alert in the window starting at `windowStart`.
  public init(alert: Alert, windowStart: Timestamp) {
    rule = alert.rule
    severity = alert.severity
    time = alert.time
    lastSeen = alert.lastSeen
    output = alert.output
    source = alert.source
    tags = alert.tags
    controls = alert.controls
    fields = alert.fields
    subject = alert.subject
    evidence = alert.evidence
    dedupKey = alert.dedupKey
    count = alert.count
    self.windowStart = windowStart
  }

  /// The alert this row stands for.
  public var alert: Alert {
    Alert(
      rule: rule, severity: severity, time: time, lastSeen: lastSeen, output: output,
      source: source, tags: tags, controls: controls, fields: fields, subject: subject,
      evidence: evidence, dedupKey: dedupKey, count: count)
  }

  /// The start of the `window`-long bucket holding `time` (floor, so times before 1970 work too).
  public static func windowStart(of time: Timestamp, window: Duration) -> Timestamp {
    let (seconds, attoseconds) = window.components
    let (wholeNanos, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    let length = overflow ? Int64.max : wholeNanos &+ attoseconds / 1_000_000_000
    guard length > 0 else { return time }
    let remainder = time.nanoseconds % length
    let floored = time.nanoseconds - (remainder < 0 ? remainder + length : remainder)
    return Timestamp(nanoseconds: floored)
  }
}
