import Synchronization
import VigilCore

/// An ``Outbox`` in memory, for tests and for runs without a store file.
public final class InMemoryOutbox: Outbox {
  private struct State {
    var items: [Int64: OutboxItem] = [:]
    var nextID: Int64 = 1
  }

  private let state = Mutex(State())

  /// Creates an empty outbox.
  public init() {}

  /// Queues `alerts` for each of `sinks`.
  public func enqueue(_ alerts: [Alert], sinks: [String], now: Timestamp) throws {
    state.withLock { state in
      for alert in alerts {
        for sink in sinks {
          state.items[state.nextID] = OutboxItem(
            id: state.nextID, sink: sink, alert: alert, notBefore: now)
          state.nextID += 1
        }
      }
    }
  }

  /// Up to `limit` due items of `sink`, oldest first.
  public func due(sink: String, now: Timestamp, limit: Int) throws -> [OutboxItem] {
    state.withLock { state in
      Array(
        state.items.values.filter { $0.sink == sink && $0.notBefore <= now }
          .sorted { $0.id < $1.id }.prefix(limit))
    }
  }

  /// Removes items.
  public func remove(_ ids: [Int64]) throws {
    state.withLock { state in for id in ids { state.items[id] = nil } }
  }

  /// Records a failed attempt.
  public func reschedule(_ id: Int64, attempts: Int, notBefore: Timestamp) throws {
    state.withLock { state in
      state.items[id]?.attempts = attempts
      state.items[id]?.notBefore = notBefore
    }
  }

  /// Items waiting for `sink`.
  public func depth(sink: String) throws -> Int {
    state.withLock { state in state.items.values.count { $0.sink == sink } }
  }
}
