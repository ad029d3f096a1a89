import VigilCore

/// What the live processor commits for one slice of its input, in one transaction: the evidence
/// events, the alerts with the sinks each goes to, and the input checkpoints reached. Because the
/// checkpoints move only with the alerts their events raised, a crash replays exactly the input
/// whose alerts were not stored.
public struct LiveBatch: Sendable {
  /// An alert and the sinks (by name) whose filters take it.
  public struct Entry: Sendable {
    /// The alert.
    public var alert: Alert
    /// The sinks it is queued for when it is new (not aggregated into a stored one).
    public var sinks: [String]

    /// Creates an entry.
    public init(alert: Alert, sinks: [String]) {
      self.alert = alert
      self.sinks = sinks
    }
  }

  /// Events to store (the evidence of the alerts).
  public var events: [EventRecord] = []
  /// Alerts to store and deliver.
  public var alerts: [Entry] = []
  /// Input positions reached (`queue` → last processed queue id, `audit-log:<path>` → …).
  public var checkpoints: [String: String] = [:]
  /// The aggregation window: an alert whose dedup key is stored in the same window is counted
  /// there, and its sinks get one summary when the window ends.
  public var window: Duration
  /// The commit's time: outbox rows are due from it.
  public var now: Timestamp

  /// Creates an empty batch.
  public init(window: Duration, now: Timestamp) {
    self.window = window
    self.now = now
  }

  /// True when there is nothing to write.
  public var isEmpty: Bool { events.isEmpty && alerts.isEmpty && checkpoints.isEmpty }
}

/// What a ``LiveBatch`` commit did with its alerts.
public struct LiveCommitResult: Sendable, Hashable {
  /// Alerts stored as new rows and queued for their sinks.
  public var raised: [Alert] = []
  /// Alerts counted into a stored alert of the same window.
  public var aggregated = 0
  /// Alerts dropped because every evidence event had already raised that rule (a replayed or
  /// re-sent event).
  public var duplicates = 0

  /// Creates an empty result.
  public init() {}
}
