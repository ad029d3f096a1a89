import Foundation
import Testing
import VigilCore
import VigilStore

/// What only the SQLite backend has: a file that outlives the process, migrations, durability.
@Suite("SQLiteStore")
struct SQLiteStoreTests {
  @Test("reopening after close keeps events and alerts, and aggregation continues")
  func reopen() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path("vigil.db")
    let event = try StoreFixtures.auditEvent(id: "e1", at: 0)
    do {
      let store = try SQLiteStore(path: path)
      try store.write(events: [event], alerts: [StoreFixtures.alert(at: 1)], window: .seconds(60))
      try store.close()
    }
    let store = try SQLiteStore(path: path)
    defer { try? store.close() }
    #expect(try store.events(.all) == [EventRecord(event: event)])
    try store.write { $0.add(StoreFixtures.alert(at: 2, auditID: "a-2"), window: .seconds(60)) }
    let alerts = try store.alerts(.all)
    #expect(alerts.count == 1)
    #expect(alerts.first?.record.count == 2)
    #expect(try store.appliedMigrations() == SQLiteMigrations.identifiers)
  }

  @Test("a database created by the first migration is upgraded on open, data kept")
  func upgrade() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path("old.db")
    let first = try #require(SQLiteMigrations.identifiers.first)
    #expect(SQLiteMigrations.identifiers.count >= 2, "nothing to upgrade to")
    let event = try StoreFixtures.auditEvent(id: "old-event", at: 0)
    do {
      let old = try SQLiteStore(path: path, configuration: .init(migrationTarget: first))
      #expect(try old.appliedMigrations() == [first])
      try old.write(events: [event], alerts: [StoreFixtures.alert(at: 0)])
      try old.close()
    }
    let store = try SQLiteStore(path: path)
    defer { try? store.close() }
    #expect(try store.appliedMigrations() == SQLiteMigrations.identifiers)
    #expect(try store.events(EventQuery(auditID: "old-event")) == [EventRecord(event: event)])
    #expect(try store.alerts(AlertQuery(namespace: "default")).count == 1)
  }

  @Test("a database migrated further than this version knows is refused")
  func newerSchema() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path("new.db")
    try SQLiteStore(path: path).close()
    let first = try #require(SQLiteMigrations.identifiers.first)
    #expect {
      _ = try SQLiteStore(path: path, configuration: .init(migrationTarget: first))
    } throws: { error in
      (error as? StoreError)?.code == .newerSchema
    }
  }

  @Test("an unknown migration target is an error, not a crash")
  func unknownMigration() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect {
      _ = try SQLiteStore(
        path: directory.path("x.db"), configuration: .init(migrationTarget: "v9-nope"))
    } throws: { error in
      (error as? StoreError)?.code == .unknownMigration
    }
  }

  @Test("the durable configuration writes and reads like the default one, in WAL mode")
  func durable() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path("durable.db")
    let store = try SQLiteStore(path: path, configuration: .init(durability: .full))
    defer { try? store.close() }
    try store.write(events: [try StoreFixtures.auditEvent(id: "d", at: 0)], alerts: [])
    #expect(try store.counts() == StoreCounts(events: 1, alerts: 0))
    #expect(FileManager.default.fileExists(atPath: path + "-wal"))
  }

  @Test("a closed store reports a database failure")
  func closed() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = try SQLiteStore(path: directory.path("closed.db"))
    try store.close()
    #expect {
      _ = try store.counts()
    } throws: { error in
      (error as? StoreError)?.code == .databaseFailure
    }
  }

  @Test("a path that cannot be opened is a database failure naming the path")
  func unopenable() throws {
    let path = "/nonexistent-vigil-dir/sub/store.db"
    #expect {
      _ = try SQLiteStore(path: path)
    } throws: { error in
      let error = error as? StoreError
      return error?.code == .databaseFailure && error?.location == path
    }
  }
}
