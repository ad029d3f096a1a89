import Foundation
import GRDB
import Synchronization
import VigilCore

/// The durable queue between the audit webhook and the processor: request bodies in their own
/// SQLite file (WAL, `synchronous=FULL`), so an acknowledged body survives `kill -9` and power
/// loss, and the processor's commits never wait for the webhook's.
///
/// Enqueues are group-committed: one writer thread takes every body waiting and commits them in
/// one transaction (one fsync), then resumes their callers. The queue is bounded in events:
/// an enqueue that would pass ``Configuration/maxQueuedEvents`` fails with `.full` at once, so
/// memory and disk stay bounded under overload and the client retries later.
public final class IngestQueue: Sendable {
  /// Limits of the queue.
  public struct Configuration: Sendable {
    /// Events queued and not yet processed, at most.
    public var maxQueuedEvents = 1_000_000
    /// Bytes one group commit takes at most.
    public var maxCommitBytes = 64 << 20
    /// Creates the defaults.
    public init() {}
  }

  private struct Pending {
    var body: [UInt8]
    var events: Int
    var received: Timestamp
    var continuation: CheckedContinuation<Int64, any Error>
  }

  private struct State {
    var pending: [Pending] = []
    var queuedEvents = 0
    var closed = false
    var writerDone = false
  }

  /// The queue file.
  public let path: String
  /// The limits.
  public let configuration: Configuration
  private let pool: DatabasePool
  private let state: Mutex<State>
  private let wake = DispatchSemaphore(value: 0)
  private let finished = DispatchSemaphore(value: 0)

  /// Opens (creating) the queue at `path`, dropping the batches at or below `processedThrough`
  /// (the processor's committed checkpoint), and starts the writer thread.
  public init(
    path: String, configuration: Configuration = .init(), processedThrough: Int64
  ) throws {
    self.path = path
    self.configuration = configuration
    var options = GRDB.Configuration()
    options.busyMode = .timeout(5)
    options.label = "vigil.queue"
    do {
      let pool = try DatabasePool(path: path, configuration: options)
      try pool.barrierWriteWithoutTransaction { db in
        try db.execute(sql: "PRAGMA synchronous = FULL")
        try db.execute(
          sql: """
            CREATE TABLE IF NOT EXISTS batches (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              received INTEGER NOT NULL,
              events INTEGER NOT NULL,
              body BLOB NOT NULL
            )
            """)
        try db.execute(sql: "DELETE FROM batches WHERE id <= ?", arguments: [processedThrough])
      }
      let queued = try pool.read { db in
        try Int.fetchOne(db, sql: "SELECT coalesce(sum(events), 0) FROM batches") ?? 0
      }
      self.pool = pool
      self.state = Mutex(State(queuedEvents: queued))
    } catch {
      throw IngestQueueError(.databaseFailure, "\(path): \(error)")
    }
    let thread = Thread { [self] in writeLoop() }
    thread.name = "vigil-ingest-writer"
    thread.start()
  }

  /// Events queued and not yet removed by the processor.
  public var queuedEvents: Int { state.withLock { $0.queuedEvents } }

  /// Queues a body holding `events` events durably; returns its id once it is on disk.
  public func enqueue(_ body: [UInt8], events: Int, received: Timestamp)
    async throws(IngestQueueError) -> Int64
  {
    do {
      return try await withCheckedThrowingContinuation { continuation in
        let refusal: IngestQueueError? = state.withLock { state in
          if state.closed { return IngestQueueError(.closed, "shutting down") }
          if state.queuedEvents > 0, state.queuedEvents + events > configuration.maxQueuedEvents {
            return IngestQueueError(
              .full, "\(state.queuedEvents) events queued, limit \(configuration.maxQueuedEvents)")
          }
          state.queuedEvents += events
          state.pending.append(
            Pending(body: body, events: events, received: received, continuation: continuation))
          return nil
        }
        if let refusal { continuation.resume(throwing: refusal) } else { wake.signal() }
      }
    } catch let error as IngestQueueError {
      throw error
    } catch {
      throw IngestQueueError(.databaseFailure, "\(error)")
    }
  }

  /// Up to `limit` batches after `id`, oldest first, holding at most about `maxEvents` events
  /// (at least one batch when any is there).
  public func batches(after id: Int64, limit: Int, maxEvents: Int) throws -> [QueuedBatch] {
    do {
      return try pool.read { db in
        let rows = try Row.fetchCursor(
          db,
          sql: "SELECT id, received, events, body FROM batches WHERE id > ? ORDER BY id LIMIT ?",
          arguments: [id, limit])
        var batches: [QueuedBatch] = []
        var events = 0
        while let row = try rows.next() {
          let count: Int = row[2]
          if !batches.isEmpty, events + count > maxEvents { break }
          let body: Data = row[3]
          batches.append(
            QueuedBatch(
              id: row[0], received: Timestamp(nanoseconds: row[1]), events: count,
              body: [UInt8](body)))
          events += count
        }
        return batches
      }
    } catch {
      throw IngestQueueError(.databaseFailure, "\(path): \(error)")
    }
  }

  /// Removes the batches at or below `id` once their results are committed; `events` is how many
  /// events they held (the queue's depth drops by it).
  public func remove(through id: Int64, events: Int) throws {
    state.withLock { $0.queuedEvents = max(0, $0.queuedEvents - events) }
    do {
      try pool.write { db in
        try db.execute(sql: "DELETE FROM batches WHERE id <= ?", arguments: [id])
      }
    } catch {
      throw IngestQueueError(.databaseFailure, "\(path): \(error)")
    }
  }

  /// Refuses new batches, lets the writer commit what is waiting, and stops it.
  public func close() {
    let first = state.withLock { state -> Bool in
      defer { state.closed = true }
      return !state.closed
    }
    guard first else { return }
    wake.signal()
    finished.wait()
    try? pool.close()
  }

  /// The writer thread: commits whatever is waiting, one transaction per round.
  private func writeLoop() {
    while true {
      wake.wait()
      while true {
        let (round, closed) = state.withLock { state -> ([Pending], Bool) in
          var taken = 0
          var bytes = 0
          while taken < state.pending.count,
            taken == 0 || bytes + state.pending[taken].body.count <= configuration.maxCommitBytes
          {
            bytes += state.pending[taken].body.count
            taken += 1
          }
          let round = Array(state.pending.prefix(taken))
          state.pending.removeFirst(taken)
          return (round, state.closed)
        }
        if round.isEmpty {
          if closed {
            finished.signal()
            return
          }
          break
        }
        commit(round)
      }
    }
  }

  private func commit(_ round: [Pending]) {
    do {
      let ids = try pool.write { db -> [Int64] in
        let insert = try db.cachedStatement(
          sql: "INSERT INTO batches (received, events, body) VALUES (?, ?, ?)")
        var ids: [Int64] = []
        ids.reserveCapacity(round.count)
        for item in round {
          try insert.execute(arguments: [item.received.nanoseconds, item.events, Data(item.body)])
          ids.append(db.lastInsertedRowID)
        }
        return ids
      }
      for (item, id) in zip(round, ids) { item.continuation.resume(returning: id) }
    } catch {
      let failed = round.reduce(0) { $0 + $1.events }
      state.withLock { $0.queuedEvents = max(0, $0.queuedEvents - failed) }
      for item in round {
        item.continuation.resume(throwing: IngestQueueError(.databaseFailure, "\(path): \(error)"))
      }
    }
  }
}
