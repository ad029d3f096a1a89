import Foundation
import GRDB
import VigilCore

/// One flow record as stored: its start time (for queries and retention) and its Vigil flow
/// JSON line (VigilNet's `FlowRecord.jsonLine`; the store does not interpret it).
public struct StoredFlow: Sendable, Hashable {
  /// When the flow started.
  public var start: Timestamp
  /// The record as one JSON line.
  public var line: String

  /// Creates a stored flow.
  public init(start: Timestamp, line: String) {
    self.start = start
    self.line = line
  }
}

extension SQLiteStore {
  /// Stores a batch of flows from `agent` under its `sequence`, in one transaction; returns false
  /// (storing nothing) when that batch was stored before (an agent re-sending after a lost
  /// acknowledgement).
  public func saveFlowBatch(
    agent: String, sequence: Int64, node: String, received: Timestamp, flows: [StoredFlow]
  ) throws -> Bool {
    try guarded {
      try pool.write { db in
        try db.execute(
          sql: """
            INSERT OR IGNORE INTO flow_batches (agent, sequence, node, received, records)
            VALUES (?, ?, ?, ?, ?)
            """,
          arguments: [agent, sequence, node, received.nanoseconds, flows.count])
        guard db.changesCount == 1 else { return false }
        try insert(flows, received: received, db: db)
        return true
      }
    }
  }

  /// Stores flows that came without a batch identity (imported files).
  public func save(flows: [StoredFlow], received: Timestamp) throws {
    try guarded { try pool.write { db in try insert(flows, received: received, db: db) } }
  }

  private func insert(_ flows: [StoredFlow], received: Timestamp, db: Database) throws {
    let statement = try db.cachedStatement(
      sql: "INSERT INTO flows (start, received, line) VALUES (?, ?, ?)")
    for flow in flows {
      try statement.execute(arguments: [flow.start.nanoseconds, received.nanoseconds, flow.line])
    }
  }

  /// Calls `body` with every stored flow that started at or after `since` (all when nil), oldest
  /// first, without loading them all at once.
  public func forEachFlow(since: Timestamp? = nil, _ body: (StoredFlow) throws -> Void) throws {
    try guarded {
      try pool.read { db in
        let rows = try Row.fetchCursor(
          db, sql: "SELECT start, line FROM flows WHERE start >= ? ORDER BY start, id",
          arguments: [since?.nanoseconds ?? Int64.min])
        while let row = try rows.next() {
          try body(StoredFlow(start: Timestamp(nanoseconds: row[0]), line: row[1]))
        }
      }
    }
  }

  /// The number of stored flows and of batches received.
  public func flowCounts() throws -> (flows: Int, batches: Int) {
    try guarded {
      try pool.read { db in
        (
          try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM flows") ?? 0,
          try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM flow_batches") ?? 0
        )
      }
    }
  }

  /// Deletes flows that started before `cutoff` and batch records received before it; returns
  /// the number of flows deleted.
  @discardableResult
  public func deleteFlows(before cutoff: Timestamp) throws -> Int {
    try guarded {
      try pool.write { db in
        try db.execute(sql: "DELETE FROM flows WHERE start < ?", arguments: [cutoff.nanoseconds])
        let deleted = db.changesCount
        try db.execute(
          sql: "DELETE FROM flow_batches WHERE received < ?", arguments: [cutoff.nanoseconds])
        return deleted
      }
    }
  }
}
