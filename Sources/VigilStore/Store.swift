import VigilCore

/// Where events and alerts are kept: the contract every backend (in memory, SQLite, PostgreSQL)
/// fulfils, checked by one contract test suite run over all of them.
///
/// Writes are scoped: everything the body of ``write(_:)`` adds to its ``StoreBatch`` lands in one
/// transaction, all of it or none. Alerts are aggregated on write: an alert whose `dedupKey` and
/// aggregation window match a stored one updates that row (count, last seen, evidence) instead of
/// adding another (``AlertRecord/merging(_:)``). Reads see only committed batches. Calls block the
/// calling thread; call them from a dedicated task or thread, not from a latency-sensitive loop.
public protocol Store: Sendable {
  /// Applies what `body` adds to the batch in one transaction; nothing is written if `body` or the
  /// write throws.
  func write(_ body: (inout StoreBatch) throws -> Void) throws

  /// The events matching `query`, in the query's order.
  func events(_ query: EventQuery) throws -> [EventRecord]

  /// The (aggregated) alerts matching `query`, in the query's order.
  func alerts(_ query: AlertQuery) throws -> [StoredAlert]

  /// How many events and alert rows are stored.
  func counts() throws -> StoreCounts

  /// Retention: deletes events that happened before `cutoff` and alerts whose last occurrence was
  /// before it; returns how many of each were deleted.
  @discardableResult
  func deleteOlder(than cutoff: Timestamp) throws -> StoreCounts
}

extension Store {
  /// Writes events and alerts in one transaction, aggregating alerts within `window`.
  public func write(events: [Event], alerts: [Alert], window: Duration = .zero) throws {
    try write { batch in
      for event in events { batch.add(event) }
      for alert in alerts { batch.add(alert, window: window) }
    }
  }
}
