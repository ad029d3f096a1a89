import Foundation
import VigilCore
import VigilDetect
import VigilStore

/// Learned profiles in the store: one row per entity (its `EntityProfileRecord` as JSON) and one
/// `_book` row for what the whole book knows (when each fact category was first seen, counters),
/// per stream (`audit`, `flows`). Only profiles observed since the last save are written.
public enum BaselineStorage {
  /// The row holding the book-level part of a snapshot.
  static let bookRow = "_book"

  /// The book-level part of a snapshot.
  struct BookRow: Codable {
    var version: Int
    var categorySince: [String: Timestamp]
    var statistics: ProfileBook.Statistics
  }

  /// What a restore read.
  public struct Restored: Sendable {
    /// The snapshot, or nil when the store held nothing for the stream.
    public var snapshot: ProfileSnapshot?
    /// Rows that could not be read (skipped, counted).
    public var unreadable: Int
  }

  /// Rows for the profiles observed after `since` (all when nil), plus the book row.
  public static func rows(_ snapshot: ProfileSnapshot, stream: String, since: Timestamp? = nil)
    throws -> [StoredProfile]
  {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var rows: [StoredProfile] = []
    var latest = Timestamp(nanoseconds: 0)
    for record in snapshot.records {
      latest = max(latest, record.lastObservation)
      if let since, record.lastObservation <= since { continue }
      rows.append(
        StoredProfile(
          stream: stream, entity: record.key, kind: record.entity.kind.rawValue,
          updated: record.lastObservation, body: try encoder.encode(record)))
    }
    let book = BookRow(
      version: snapshot.version, categorySince: snapshot.categorySince,
      statistics: snapshot.statistics)
    rows.append(
      StoredProfile(
        stream: stream, entity: bookRow, kind: "book", updated: latest,
        body: try encoder.encode(book)))
    return rows
  }

  /// The snapshot the rows hold (unreadable rows skipped and counted).
  public static func snapshot(_ rows: [StoredProfile]) -> Restored {
    guard !rows.isEmpty else { return Restored(snapshot: nil, unreadable: 0) }
    let decoder = JSONDecoder()
    var records: [EntityProfileRecord] = []
    var book: BookRow?
    var unreadable = 0
    for row in rows {
      if row.entity == bookRow {
        book = try? decoder.decode(BookRow.self, from: row.body)
        if book == nil { unreadable += 1 }
      } else if let record = try? decoder.decode(EntityProfileRecord.self, from: row.body) {
        records.append(record)
      } else {
        unreadable += 1
      }
    }
    records.sort { $0.entity < $1.entity }
    let snapshot = ProfileSnapshot(
      version: book?.version ?? 1, records: records, categorySince: book?.categorySince ?? [:],
      statistics: book?.statistics ?? ProfileBook.Statistics())
    return Restored(snapshot: snapshot, unreadable: unreadable)
  }

  /// Saves the detector's profiles observed after `since`; returns the rows written.
  @discardableResult
  public static func save(
    _ detector: BaselineDetector, stream: String, to store: SQLiteStore, since: Timestamp? = nil
  ) throws -> Int {
    let rows = try rows(detector.snapshot(), stream: stream, since: since)
    try store.save(profiles: rows)
    return rows.count
  }

  /// A detector with the profiles the store holds for `stream` (a fresh one when none).
  public static func restore(
    stream: String, from store: SQLiteStore, configuration: BaselineDetector.Configuration
  ) throws -> (detector: BaselineDetector, restored: Int, unreadable: Int) {
    let read = snapshot(try store.profiles(stream: stream))
    guard let snapshot = read.snapshot else {
      return (BaselineDetector(configuration: configuration), 0, read.unreadable)
    }
    let book = ProfileBook(restoring: snapshot, configuration: configuration.novelty.profiles)
    return (
      BaselineDetector(configuration: configuration, book: book), snapshot.records.count,
      read.unreadable
    )
  }
}
