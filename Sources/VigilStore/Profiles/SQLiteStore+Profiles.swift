import Foundation
import GRDB
import VigilCore

/// One learned behavior profile as stored: which detector stream learned it (`audit`, `flows`),
/// the entity it describes, the entity's kind, when it last changed, and its encoded body.
public struct StoredProfile: Sendable, Hashable {
  /// The stream that learned it.
  public var stream: String
  /// The entity (`workload:payments/Deployment/api`).
  public var entity: String
  /// The entity's kind (`workload`, `user`, `serviceAccount`, `namespace`).
  public var kind: String
  /// When it last changed.
  public var updated: Timestamp
  /// The profile's own encoding.
  public var body: Data

  /// A stored profile.
  public init(stream: String, entity: String, kind: String, updated: Timestamp, body: Data) {
    self.stream = stream
    self.entity = entity
    self.kind = kind
    self.updated = updated
    self.body = body
  }
}

extension SQLiteStore {
  /// Saves (inserts or replaces) profiles in one transaction.
  public func save(profiles: [StoredProfile]) throws {
    guard !profiles.isEmpty else { return }
    try guarded {
      try pool.write { db in
        let statement = try db.cachedStatement(
          sql: """
            INSERT OR REPLACE INTO profiles (stream, entity, kind, updated, body)
            VALUES (?, ?, ?, ?, ?)
            """)
        for profile in profiles {
          try statement.execute(arguments: [
            profile.stream, profile.entity, profile.kind, profile.updated.nanoseconds,
            profile.body,
          ])
        }
      }
    }
  }

  /// The profiles a stream saved, by entity.
  public func profiles(stream: String) throws -> [StoredProfile] {
    try guarded {
      try pool.read { db in
        try Row.fetchAll(
          db,
          sql: "SELECT entity, kind, updated, body FROM profiles WHERE stream = ? ORDER BY entity",
          arguments: [stream]
        ).map { row in
          StoredProfile(
            stream: stream, entity: row["entity"], kind: row["kind"],
            updated: Timestamp(nanoseconds: row["updated"]), body: row["body"])
        }
      }
    }
  }

  /// Deletes the profiles of `entities` in `stream`; returns how many rows went.
  @discardableResult
  public func deleteProfiles(stream: String, entities: [String]) throws -> Int {
    guard !entities.isEmpty else { return 0 }
    return try guarded {
      try pool.write { db in
        var removed = 0
        for entity in entities {
          try db.execute(
            sql: "DELETE FROM profiles WHERE stream = ? AND entity = ?",
            arguments: [stream, entity])
          removed += db.changesCount
        }
        return removed
      }
    }
  }
}
