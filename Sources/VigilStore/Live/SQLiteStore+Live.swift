import Foundation
import GRDB
import VigilCore

extension SQLiteStore {
  /// Commits a live batch in one transaction: events; each alert exactly once per
  /// (auditID, stage, rule), new ones queued in the outbox for their sinks, repeats aggregated
  /// (with a window summary pending); and the checkpoints.
  public func commit(_ batch: LiveBatch) throws -> LiveCommitResult {
    guard !batch.isEmpty else { return LiveCommitResult() }
    return try guarded {
      try pool.write { db in
        var events = StoreBatch()
        for record in batch.events { events.add(record) }
        try SQLiteStore.apply(events, to: db)
        var result = LiveCommitResult()
        for entry in batch.alerts {
          try SQLiteStore.commit(entry, window: batch.window, now: batch.now, in: db, into: &result)
        }
        let save = try db.cachedStatement(
          sql: "INSERT OR REPLACE INTO checkpoints (name, value) VALUES (?, ?)")
        for (name, value) in batch.checkpoints { try save.execute(arguments: [name, value]) }
        return result
      }
    }
  }

  private static func commit(
    _ entry: LiveBatch.Entry, window: Duration, now: Timestamp, in db: Database,
    into result: inout LiveCommitResult
  ) throws {
    let alert = entry.alert
    guard try isFirstRaise(alert, in: db) else {
      result.duplicates += 1
      return
    }
    let record = AlertRecord(alert: alert, window: window)
    let find = try db.cachedStatement(sql: AlertRecord.findSQL)
    if let row = try Row.fetchOne(
      find, arguments: [record.dedupKey, record.windowStart.nanoseconds])
    {
      let id: Int64 = row[0]
      let merged = try AlertRecord(row: row, startingAt: 1).merging(record)
      try db.cachedStatement(sql: AlertRecord.updateSQL).execute(
        arguments: try merged.updateArguments(id: id))
      result.aggregated += 1
      guard !entry.sinks.isEmpty else { return }
      let sinks = String(decoding: try JSONEncoder().encode(entry.sinks), as: UTF8.self)
      try db.cachedStatement(
        sql:
          "INSERT OR IGNORE INTO pending_summaries (alert_id, window_end, sinks) VALUES (?, ?, ?)"
      ).execute(arguments: [id, record.windowStart.adding(window).nanoseconds, sinks])
    } else {
      try db.cachedStatement(sql: AlertRecord.insertSQL).execute(
        arguments: try record.databaseArguments())
      try enqueue(alert, sinks: entry.sinks, now: now, in: db)
      result.raised.append(alert)
    }
  }

  /// Records the alert's (auditID, stage, rule) triples; false when every one was recorded
  /// before (the events were processed already). Alerts without audit evidence always pass.
  private static func isFirstRaise(_ alert: Alert, in db: Database) throws -> Bool {
    let keyed = alert.evidence.filter { $0.auditID != nil }
    guard !keyed.isEmpty else { return true }
    let insert = try db.cachedStatement(
      sql: "INSERT OR IGNORE INTO alerted_events (audit_id, stage, rule, time) VALUES (?, ?, ?, ?)")
    var fresh = false
    for evidence in keyed {
      try insert.execute(arguments: [
        evidence.auditID, evidence.stage ?? "", alert.rule, evidence.time.nanoseconds,
      ])
      if db.changesCount > 0 { fresh = true }
    }
    return fresh
  }

  /// Queues the summaries of aggregated alerts whose window ended by `now` (the stored alert
  /// with its count) for the sinks that took the first one; returns them.
  public func releaseWindowSummaries(now: Timestamp) throws -> [Alert] {
    try guarded {
      try pool.write { db in
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT p.alert_id, p.sinks, a.id, \(AlertRecord.prefixedColumns("a"))
            FROM pending_summaries p JOIN alerts a ON a.id = p.alert_id
            WHERE p.window_end <= ? ORDER BY p.window_end, p.alert_id
            """, arguments: [now.nanoseconds])
        var released: [Alert] = []
        for row in rows {
          let sinks = try JSONDecoder().decode([String].self, from: Data((row[1] as String).utf8))
          let alert = try AlertRecord(row: row, startingAt: 3).alert
          try SQLiteStore.enqueue(alert, sinks: sinks, now: now, in: db)
          released.append(alert)
        }
        try db.execute(
          sql: "DELETE FROM pending_summaries WHERE window_end <= ?", arguments: [now.nanoseconds])
        return released
      }
    }
  }

  /// The value of the checkpoint `name`, if one was committed.
  public func checkpoint(named name: String) throws -> String? {
    try guarded {
      try pool.read { db in
        try String.fetchOne(
          db, sql: "SELECT value FROM checkpoints WHERE name = ?", arguments: [name])
      }
    }
  }
}
