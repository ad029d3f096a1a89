import Synchronization
import VigilCore

/// The store in memory, for tests and `vigil analyze` runs that keep nothing: the same contract
/// as ``SQLiteStore``, checked by the same contract tests.
public final class InMemoryStore: Store {
  /// The rows, in write order.
  struct State {
    var events: [EventRecord] = []
    var alerts: [StoredAlert] = []
    var alertIndex: [AlertKey: Int] = [:]
    var nextAlertID: Int64 = 1
  }

  /// The unique key of an alert row.
  struct AlertKey: Hashable {
    var dedupKey: String
    var windowStart: Timestamp
  }

  /// The rows, behind a lock.
  let state = Mutex(State())

  /// Creates an empty store.
  public init() {}

  /// Collects the batch, then applies it under the lock, all at once.
  public func write(_ body: (inout StoreBatch) throws -> Void) throws {
    var batch = StoreBatch()
    try body(&batch)
    guard !batch.isEmpty else { return }
    state.withLock { state in
      state.events.append(contentsOf: batch.events)
      for record in batch.alerts {
        let key = AlertKey(dedupKey: record.dedupKey, windowStart: record.windowStart)
        if let index = state.alertIndex[key] {
          state.alerts[index].record = state.alerts[index].record.merging(record)
        } else {
          state.alertIndex[key] = state.alerts.count
          state.alerts.append(StoredAlert(id: state.nextAlertID, record: record))
          state.nextAlertID += 1
        }
      }
    }
  }

  /// The matching events, in the query's order.
  public func events(_ query: EventQuery) throws -> [EventRecord] {
    let matching = state.withLock { state in
      state.events.enumerated().filter { query.matches($0.element) }
    }
    return InMemoryStore.ordered(matching, by: \.time, query.order, limit: query.limit)
  }

  /// The matching alert rows, in the query's order.
  public func alerts(_ query: AlertQuery) throws -> [StoredAlert] {
    let matching = state.withLock { state in
      state.alerts.enumerated().filter { query.matches($0.element.record) }
    }
    return InMemoryStore.ordered(matching, by: \.record.time, query.order, limit: query.limit)
  }

  /// How many events and alert rows are stored.
  public func counts() throws -> StoreCounts {
    state.withLock { StoreCounts(events: $0.events.count, alerts: $0.alerts.count) }
  }

  /// Deletes events before `cutoff` and alerts last seen before it.
  @discardableResult
  public func deleteOlder(than cutoff: Timestamp) throws -> StoreCounts {
    state.withLock { state in
      let events = state.events.count
      let alerts = state.alerts.count
      state.events.removeAll { $0.time < cutoff }
      state.alerts.removeAll { $0.record.lastSeen < cutoff }
      state.alertIndex = [:]
      for (index, alert) in state.alerts.enumerated() {
        state.alertIndex[
          AlertKey(dedupKey: alert.record.dedupKey, windowStart: alert.record.windowStart)] = index
      }
      return StoreCounts(
        events: events - state.events.count, alerts: alerts - state.alerts.count)
    }
  }

  /// Sorts by time, ties by write order (`offset`), and applies the limit.
  static func ordered<Row>(
    _ rows: [(offset: Int, element: Row)], by time: KeyPath<Row, Timestamp>, _ order: StoreOrder,
    limit: Int?
  ) -> [Row] {
    let sorted = rows.sorted { a, b in
      let (ta, tb) = (a.element[keyPath: time], b.element[keyPath: time])
      switch order {
      case .newestFirst: return ta != tb ? ta > tb : a.offset > b.offset
      case .oldestFirst: return ta != tb ? ta < tb : a.offset < b.offset
      }
    }
    let rows = sorted.map(\.element)
    guard let limit else { return rows }
    return Array(rows.prefix(max(limit, 0)))
  }
}
