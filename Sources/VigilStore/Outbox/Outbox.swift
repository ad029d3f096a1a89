import VigilCore

/// Alerts waiting for delivery, per sink, kept until delivered: the durable hand-off between
/// detection and the sinks. An alert enters the outbox in the same transaction that stores it,
/// so a crash between the two cannot lose or duplicate it; delivery is at least once.
public protocol Outbox: Sendable {
  /// Queues `alerts` for each of `sinks`, not before `now`.
  func enqueue(_ alerts: [Alert], sinks: [String], now: Timestamp) throws

  /// Up to `limit` items of `sink` due at `now`, oldest first.
  func due(sink: String, now: Timestamp, limit: Int) throws -> [OutboxItem]

  /// Removes delivered (or dead-lettered) items.
  func remove(_ ids: [Int64]) throws

  /// Records a failed attempt: the item's attempt count and when to try it next.
  func reschedule(_ id: Int64, attempts: Int, notBefore: Timestamp) throws

  /// How many items `sink` has waiting (due or not).
  func depth(sink: String) throws -> Int
}
