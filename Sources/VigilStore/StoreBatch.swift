import VigilCore

/// The rows one ``Store/write(_:)`` call adds, applied in one transaction in the order added.
public struct StoreBatch: Sendable {
  /// The events to insert.
  public private(set) var events: [EventRecord] = []
  /// The alerts to insert or aggregate into stored ones.
  public private(set) var alerts: [AlertRecord] = []

  /// Creates an empty batch.
  public init() {}

  /// True when there is nothing to write.
  public var isEmpty: Bool { events.isEmpty && alerts.isEmpty }

  /// Adds an event record.
  public mutating func add(_ record: EventRecord) { events.append(record) }

  /// Adds an event.
  public mutating func add(_ event: Event) { events.append(EventRecord(event: event)) }

  /// Adds an alert record; it aggregates into a stored alert with the same `dedupKey` and
  /// `windowStart`.
  public mutating func add(_ record: AlertRecord) { alerts.append(record) }

  /// Adds an alert, aggregated with others of the same `dedupKey` whose time falls in the same
  /// `window`-long bucket (aligned on the epoch); a zero window aggregates only identical times.
  public mutating func add(_ alert: Alert, window: Duration) {
    alerts.append(AlertRecord(alert: alert, window: window))
  }

  /// Reserves room for `count` more events.
  public mutating func reserveEvents(_ count: Int) { events.reserveCapacity(events.count + count) }
}
