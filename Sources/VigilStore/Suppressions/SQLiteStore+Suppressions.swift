import GRDB
import VigilCore

extension SQLiteStore {
  /// Stores a suppression; returns it with its id. One without criteria is refused.
  @discardableResult
  public func add(_ suppression: Suppression) throws -> Suppression {
    guard suppression.hasCriteria else {
      throw StoreError(
        .invalidRecord, location: path,
        detail: "a suppression needs a rule, namespace, user or name")
    }
    return try guarded {
      try pool.write { db in
        try db.execute(
          sql: """
            INSERT INTO suppressions
              (rule, namespace, user_name, name, reason, created_by, created, expires)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            suppression.rule, suppression.namespace, suppression.user, suppression.name,
            suppression.reason, suppression.createdBy, suppression.created.nanoseconds,
            suppression.expires?.nanoseconds,
          ])
        var stored = suppression
        stored.id = db.lastInsertedRowID
        return stored
      }
    }
  }

  /// The stored suppressions, oldest first; expired ones only when asked.
  public func suppressions(activeAt now: Timestamp? = nil) throws -> [Suppression] {
    try guarded {
      try pool.read { db in
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT id, rule, namespace, user_name, name, reason, created_by, created, expires
            FROM suppressions ORDER BY id
            """)
        let all = rows.map { row in
          Suppression(
            id: row[0], rule: row[1], namespace: row[2], user: row[3], name: row[4],
            reason: row[5], createdBy: row[6], created: Timestamp(nanoseconds: row[7]),
            expires: (row[8] as Int64?).map { Timestamp(nanoseconds: $0) })
        }
        guard let now else { return all }
        return all.filter { $0.isActive(at: now) }
      }
    }
  }

  /// Deletes a suppression; false when there was none with that id.
  @discardableResult
  public func removeSuppression(id: Int64) throws -> Bool {
    try guarded {
      try pool.write { db in
        try db.execute(sql: "DELETE FROM suppressions WHERE id = ?", arguments: [id])
        return db.changesCount > 0
      }
    }
  }
}
