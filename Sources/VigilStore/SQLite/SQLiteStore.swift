import GRDB
import VigilCore

/// The default store: one SQLite file in WAL mode through a GRDB `DatabasePool` (one writer,
/// concurrent readers that never wait for it).
///
/// Each ``write(_:)`` is one transaction using cached prepared statements. Opening a file created
/// by an older Vigil applies the migrations it lacks; a file migrated by a newer Vigil is refused.
public final class SQLiteStore: Store {
  /// How the database is opened.
  public struct Configuration: Sendable, Hashable {
    /// How hard a commit works to survive a crash.
    public enum Durability: Sendable, Hashable {
      /// `synchronous=NORMAL`: a power loss may roll back the last commits, never corrupts.
      case normal
      /// `synchronous=FULL`: every commit is on disk when `write` returns.
      case full
    }

    /// Commit durability (default `.normal`).
    public var durability: Durability
    /// How long a connection waits for a lock held by another process before failing.
    public var busyTimeout: Duration
    /// How many reads can run at once.
    public var maximumReaderCount: Int
    /// Migrate only up to this migration (nil: all); for upgrade tests and staged rollouts.
    public var migrationTarget: String?

    /// Creates a configuration.
    public init(
      durability: Durability = .normal, busyTimeout: Duration = .seconds(5),
      maximumReaderCount: Int = 4, migrationTarget: String? = nil
    ) {
      self.durability = durability
      self.busyTimeout = busyTimeout
      self.maximumReaderCount = maximumReaderCount
      self.migrationTarget = migrationTarget
    }
  }

  /// The database file.
  public let path: String
  /// The connections.
  let pool: DatabasePool

  /// Opens (creating if needed) and migrates the database at `path`.
  public init(path: String, configuration: Configuration = Configuration()) throws {
    self.path = path
    if let target = configuration.migrationTarget, !SQLiteMigrations.identifiers.contains(target) {
      throw StoreError(.unknownMigration, location: path, detail: target)
    }
    var options = GRDB.Configuration()
    let (seconds, attoseconds) = configuration.busyTimeout.components
    options.busyMode = .timeout(Double(seconds) + Double(attoseconds) / 1e18)
    options.maximumReaderCount = max(configuration.maximumReaderCount, 1)
    options.label = "vigil.store"
    let pool = try SQLiteStore.guarded(path) {
      try DatabasePool(path: path, configuration: options)
    }
    self.pool = pool
    try SQLiteStore.guarded(path) {
      // GRDB sets synchronous=NORMAL on the writer when it enables WAL; FULL is opt-in.
      if configuration.durability == .full {
        try pool.barrierWriteWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
      }
      let migrator = SQLiteMigrations.migrator(upTo: configuration.migrationTarget)
      let superseded = try pool.read { try migrator.hasBeenSuperseded($0) }
      guard !superseded else {
        throw StoreError(
          .newerSchema, location: path,
          detail: "known migrations: \(migrator.migrations.joined(separator: ", "))")
      }
      try migrator.migrate(pool)
    }
  }

  /// The migrations applied to the database, oldest first.
  public func appliedMigrations() throws -> [String] {
    try guarded {
      try pool.read { db in try SQLiteMigrations.migrator(upTo: nil).appliedMigrations(db) }
    }
  }

  /// Closes the connections; later calls fail with ``StoreError/Code/databaseFailure``.
  public func close() throws {
    try guarded { try pool.close() }
  }

  /// Collects the batch, then applies it in one transaction.
  public func write(_ body: (inout StoreBatch) throws -> Void) throws {
    var batch = StoreBatch()
    try body(&batch)
    guard !batch.isEmpty else { return }
    try guarded { try pool.write { db in try SQLiteStore.apply(batch, to: db) } }
  }

  /// The matching events, in the query's order.
  public func events(_ query: EventQuery) throws -> [EventRecord] {
    let (sql, arguments) = query.sql
    return try guarded {
      try pool.read { db in
        let statement = try db.cachedStatement(sql: sql)
        var records: [EventRecord] = []
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() { records.append(try EventRecord(row: row)) }
        return records
      }
    }
  }

  /// The matching alert rows, in the query's order.
  public func alerts(_ query: AlertQuery) throws -> [StoredAlert] {
    let (sql, arguments) = query.sql
    return try guarded {
      try pool.read { db in
        let statement = try db.cachedStatement(sql: sql)
        var alerts: [StoredAlert] = []
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() {
          alerts.append(StoredAlert(id: row[0], record: try AlertRecord(row: row, startingAt: 1)))
        }
        return alerts
      }
    }
  }

  /// The stored alert with row id `id`, if any.
  public func alert(id: Int64) throws -> StoredAlert? {
    try guarded {
      try pool.read { db in
        guard
          let row = try Row.fetchOne(
            db, sql: "SELECT id, \(AlertRecord.columns) FROM alerts WHERE id = ?", arguments: [id])
        else { return nil }
        return StoredAlert(id: row[0], record: try AlertRecord(row: row, startingAt: 1))
      }
    }
  }

  /// How many events and alert rows are stored.
  public func counts() throws -> StoreCounts {
    try guarded {
      try pool.read { db in
        let row = try Row.fetchOne(
          db, sql: "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM alerts)")
        return StoreCounts(
          events: Int(row?[0] as Int64? ?? 0), alerts: Int(row?[1] as Int64? ?? 0))
      }
    }
  }

  /// Deletes events before `cutoff` and alerts last seen before it.
  @discardableResult
  public func deleteOlder(than cutoff: Timestamp) throws -> StoreCounts {
    try guarded {
      try pool.write { db in
        try db.execute(sql: "DELETE FROM events WHERE time < ?", arguments: [cutoff.nanoseconds])
        let events = db.changesCount
        try db.execute(
          sql: "DELETE FROM alerts WHERE last_seen < ?", arguments: [cutoff.nanoseconds])
        let alerts = db.changesCount
        try db.execute(
          sql: "DELETE FROM alerted_events WHERE time < ?", arguments: [cutoff.nanoseconds])
        return StoreCounts(events: events, alerts: alerts)
      }
    }
  }

  /// Runs `body`, reporting database errors as ``StoreError`` located at this store's path.
  func guarded<T>(_ body: () throws -> T) throws -> T {
    try SQLiteStore.guarded(path, body)
  }

  /// Runs `body`, reporting database errors as ``StoreError`` located at `path`.
  static func guarded<T>(_ path: String, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError(.databaseFailure, location: path, detail: "\(error)")
    }
  }
}
