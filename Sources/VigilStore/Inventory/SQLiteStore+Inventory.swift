import Foundation
import GRDB
import VigilCore

extension SQLiteStore {
  /// Saves objects, replacing those with the same kind, namespace and name.
  public func save(objects: [StoredObject]) throws {
    guard !objects.isEmpty else { return }
    try guarded {
      try pool.write { db in
        let upsert = try db.cachedStatement(
          sql: """
            INSERT OR REPLACE INTO inventory_objects (kind, namespace, name, updated, json)
            VALUES (?, ?, ?, ?, ?)
            """)
        for object in objects {
          try upsert.execute(arguments: [
            object.kind, object.namespace, object.name, object.updated.nanoseconds,
            Data(object.json),
          ])
        }
      }
    }
  }

  /// Every stored object, by kind, namespace and name.
  public func storedObjects() throws -> [StoredObject] {
    try guarded {
      try pool.read { db in
        try Row.fetchAll(
          db,
          sql: "SELECT kind, namespace, name, updated, json FROM inventory_objects ORDER BY 1, 2, 3"
        ).map { row in
          let json: Data = row[4]
          return StoredObject(
            kind: row[0], namespace: row[1], name: row[2], updated: Timestamp(nanoseconds: row[3]),
            json: [UInt8](json))
        }
      }
    }
  }
}
