import Foundation
import GRDB
import VigilCore

extension SQLiteStore: Outbox {
  /// Queues `alerts` for each of `sinks` in its own transaction (the live processor queues them
  /// inside its commit instead: ``commit(_:)``).
  public func enqueue(_ alerts: [Alert], sinks: [String], now: Timestamp) throws {
    try guarded {
      try pool.write { db in
        for alert in alerts { try SQLiteStore.enqueue(alert, sinks: sinks, now: now, in: db) }
      }
    }
  }

  /// Inserts one outbox row per sink inside the caller's transaction.
  static func enqueue(_ alert: Alert, sinks: [String], now: Timestamp, in db: Database) throws {
    guard !sinks.isEmpty else { return }
    let json = try OutboxCoding.encode(alert)
    let insert = try db.cachedStatement(
      sql: "INSERT INTO outbox (sink, alert, attempts, not_before) VALUES (?, ?, 0, ?)")
    for sink in sinks { try insert.execute(arguments: [sink, json, now.nanoseconds]) }
  }

  /// Up to `limit` due items of `sink`, oldest first.
  public func due(sink: String, now: Timestamp, limit: Int) throws -> [OutboxItem] {
    try guarded {
      try pool.read { db in
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT id, alert, attempts, not_before FROM outbox
            WHERE sink = ? AND not_before <= ? ORDER BY id LIMIT ?
            """, arguments: [sink, now.nanoseconds, limit])
        return try rows.map { row in
          OutboxItem(
            id: row[0], sink: sink, alert: try OutboxCoding.decode(row[1]), attempts: row[2],
            notBefore: Timestamp(nanoseconds: row[3]))
        }
      }
    }
  }

  /// Removes delivered or dead-lettered items.
  public func remove(_ ids: [Int64]) throws {
    guard !ids.isEmpty else { return }
    try guarded {
      try pool.write { db in
        let delete = try db.cachedStatement(sql: "DELETE FROM outbox WHERE id = ?")
        for id in ids { try delete.execute(arguments: [id]) }
      }
    }
  }

  /// Records a failed attempt and the next try's time.
  public func reschedule(_ id: Int64, attempts: Int, notBefore: Timestamp) throws {
    try guarded {
      try pool.write { db in
        try db.execute(
          sql: "UPDATE outbox SET attempts = ?, not_before = ? WHERE id = ?",
          arguments: [attempts, notBefore.nanoseconds, id])
      }
    }
  }

  /// Items waiting for `sink`.
  public func depth(sink: String) throws -> Int {
    try guarded {
      try pool.read { db in
        try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE sink = ?", arguments: [sink])
          ?? 0
      }
    }
  }
}

/// How outbox rows hold their alert: Vigil's `Alert` as Codable JSON (low rate: alerts only).
enum OutboxCoding {
  static func encode(_ alert: Alert) throws -> String {
    String(decoding: try JSONEncoder().encode(alert), as: UTF8.self)
  }

  static func decode(_ text: String) throws -> Alert {
    try JSONDecoder().decode(Alert.self, from: Data(text.utf8))
  }
}
