import GRDB
import VigilCore

extension SQLiteStore {
  /// Writes a batch inside the caller's transaction: events with one cached insert statement,
  /// alerts inserted or aggregated into the row with the same `(dedupKey, windowStart)`.
  static func apply(_ batch: StoreBatch, to db: Database) throws {
    if !batch.events.isEmpty {
      let insert = try db.cachedStatement(sql: EventRecord.insertSQL)
      for record in batch.events {
        var binder = SQLiteBinder(insert)
        record.bind(to: &binder)
        try binder.run(in: db, location: "events")
      }
    }
    guard !batch.alerts.isEmpty else { return }
    let find = try db.cachedStatement(sql: AlertRecord.findSQL)
    let insert = try db.cachedStatement(sql: AlertRecord.insertSQL)
    let update = try db.cachedStatement(sql: AlertRecord.updateSQL)
    for record in batch.alerts {
      let key: StatementArguments = [record.dedupKey, record.windowStart.nanoseconds]
      if let row = try Row.fetchOne(find, arguments: key) {
        let merged = try AlertRecord(row: row, startingAt: 1).merging(record)
        try update.execute(arguments: try merged.updateArguments(id: row[0]))
      } else {
        try insert.execute(arguments: try record.databaseArguments())
      }
    }
  }
}
