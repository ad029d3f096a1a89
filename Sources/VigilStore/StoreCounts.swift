/// Numbers of stored (or deleted) rows.
public struct StoreCounts: Sendable, Hashable, CustomStringConvertible {
  /// Event rows.
  public var events: Int
  /// Alert rows (each may aggregate several occurrences).
  public var alerts: Int

  /// Creates counts.
  public init(events: Int = 0, alerts: Int = 0) {
    self.events = events
    self.alerts = alerts
  }

  /// `events=… alerts=…`.
  public var description: String { "events=\(events) alerts=\(alerts)" }
}
