import GRDB
import GRDBSQLite

/// Binds values straight to a prepared statement through SQLite's C API and runs it: the hot
/// path of event inserts, where GRDB's `StatementArguments` (one boxed value per column) cost
/// more than the insert itself. Only used inside a GRDB write transaction, on a GRDB statement.
struct SQLiteBinder {
  /// The raw statement.
  let statement: SQLiteStatement
  /// The next 1-based parameter index.
  var index: Int32 = 1
  /// The first failed bind's result code (`SQLITE_OK` while all succeeded).
  var failure: Int32 = SQLITE_OK

  /// Starts binding `statement` from its first parameter.
  init(_ statement: Statement) { self.statement = statement.sqliteStatement }

  /// Binds an integer.
  mutating func bind(_ value: Int64) {
    record(sqlite3_bind_int64(statement, index, value))
  }

  /// Binds an integer, or NULL.
  mutating func bind(_ value: Int64?) {
    if let value { bind(value) } else { bindNull() }
  }

  /// Binds text (copied by SQLite), or NULL.
  mutating func bind(_ value: String?) {
    guard let value else { return bindNull() }
    let code =
      value.utf8.withContiguousStorageIfAvailable { bindText(UnsafeRawBufferPointer($0)) }
      ?? Array(value.utf8).withUnsafeBytes { bindText($0) }
    record(code)
  }

  /// Binds bytes as a BLOB (copied by SQLite).
  mutating func bind(blob: [UInt8]) {
    let code = blob.withUnsafeBytes { bytes in
      sqlite3_bind_blob(
        statement, index, bytes.baseAddress ?? emptyValue, Int32(bytes.count), transient)
    }
    record(code)
  }

  /// Binds NULL.
  mutating func bindNull() {
    record(sqlite3_bind_null(statement, index))
  }

  /// Runs the statement to completion and resets it for the next row.
  func run(in db: Database, location: String) throws {
    guard failure == SQLITE_OK else {
      sqlite3_reset(statement)
      throw StoreError(.databaseFailure, location: location, detail: message(failure, db))
    }
    let code = sqlite3_step(statement)
    sqlite3_reset(statement)
    guard code == SQLITE_DONE else {
      throw StoreError(.databaseFailure, location: location, detail: message(code, db))
    }
  }

  /// Binds UTF-8 text at the current index.
  private func bindText(_ bytes: UnsafeRawBufferPointer) -> Int32 {
    let base = (bytes.baseAddress ?? emptyValue).assumingMemoryBound(to: CChar.self)
    return sqlite3_bind_text(statement, index, base, Int32(bytes.count), transient)
  }

  /// Keeps the first failure and moves to the next parameter.
  private mutating func record(_ code: Int32) {
    if code != SQLITE_OK, failure == SQLITE_OK { failure = code }
    index += 1
  }

  /// `SQLite error 19: UNIQUE constraint failed …`.
  private func message(_ code: Int32, _ db: Database) -> String {
    let text = sqlite3_errmsg(db.sqliteConnection).map { String(cString: $0) } ?? "unknown"
    return "SQLite error \(code): \(text)"
  }
}

/// SQLite's `SQLITE_TRANSIENT`: SQLite copies the value before the bind call returns.
private var transient: sqlite3_destructor_type {
  unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// A valid pointer for empty text and blobs (a NULL pointer would bind NULL instead of '').
private var emptyValue: UnsafeRawPointer { UnsafeRawPointer(("" as StaticString).utf8Start) }
