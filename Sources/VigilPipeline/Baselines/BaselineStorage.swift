import Foundation
import VigilCore
import VigilDetect
import VigilStore

/// Learned profiles in the store: one row per entity (its `EntityProfileRecord` as JSON), one
/// `_book` row for what the whole book knows (when each fact category was first seen, counters),
/// and one row per rate series (kind `rates`, its `RateSeriesRecord` as JSON), per stream
/// (`audit`, `flows`). Only profiles observed since the last save, and series whose hour
/// summaries changed since it, are written.
public enum BaselineStorage {
  /// The row holding the book-level part of a snapshot.
  static let bookRow = "_book"
  /// The kind of the rows holding rate series.
  static let rateKind = "rates"

  /// What the saves so far have covered, for the next save to write only what changed.
  public struct SaveMark: Sendable, Hashable {
    /// The latest profile observation saved.
    public var profilesThrough: Timestamp?
    /// The hour every rate series had closed its summaries through at the last save.
    public var ratesThroughHour: Int64?

    /// A mark (nothing saved yet by default).
    public init(profilesThrough: Timestamp? = nil, ratesThroughHour: Int64? = nil) {
      self.profilesThrough = profilesThrough
      self.ratesThroughHour = ratesThroughHour
    }
  }

  /// The book-level part of a snapshot.
  struct BookRow: Codable {
    var version: Int
    var categorySince: [String: Timestamp]
    var statistics: ProfileBook.Statistics
  }

  /// What a restore read.
  public struct Restored: Sendable {
    /// The snapshot, or nil when the store held no profiles for the stream.
    public var snapshot: ProfileSnapshot?
    /// Rows that could not be read (skipped, counted).
    public var unreadable: Int
    /// The rate series rows read.
    public var rates: [RateSeriesRecord] = []
  }

  /// Rows for rate series records.
  public static func rateRows(_ records: [RateSeriesRecord], stream: String) throws
    -> [StoredProfile]
  {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try records.map { record in
      let hour = record.baseline.lastClosedHour ?? 0
      return StoredProfile(
        stream: stream, entity: "rate:" + record.key, kind: rateKind,
        updated: Timestamp(nanoseconds: hour &* 3_600_000_000_000),
        body: try encoder.encode(record))
    }
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
    var rates: [RateSeriesRecord] = []
    for row in rows {
      if row.kind == rateKind {
        if let record = try? decoder.decode(RateSeriesRecord.self, from: row.body) {
          rates.append(record)
        } else {
          unreadable += 1
        }
      } else if row.entity == bookRow {
        book = try? decoder.decode(BookRow.self, from: row.body)
        if book == nil { unreadable += 1 }
      } else if let record = try? decoder.decode(EntityProfileRecord.self, from: row.body) {
        records.append(record)
      } else {
        unreadable += 1
      }
    }
    records.sort { $0.entity < $1.entity }
    guard book != nil || !records.isEmpty else {
      return Restored(snapshot: nil, unreadable: unreadable, rates: rates)
    }
    let snapshot = ProfileSnapshot(
      version: book?.version ?? 1, records: records, categorySince: book?.categorySince ?? [:],
      statistics: book?.statistics ?? ProfileBook.Statistics())
    return Restored(snapshot: snapshot, unreadable: unreadable, rates: rates)
  }

  /// Rows for what changed in the detector after `mark`, and the mark after saving them.
  public static func rows(
    for detector: BaselineDetector, stream: String, after mark: SaveMark = SaveMark()
  ) throws -> (rows: [StoredProfile], mark: SaveMark) {
    let snapshot = detector.snapshot()
    var rows = try rows(snapshot, stream: stream, since: mark.profilesThrough)
    rows += try rateRows(
      detector.rates.records(closedAfterHour: mark.ratesThroughHour), stream: stream)
    let next = SaveMark(
      profilesThrough: snapshot.records.map(\.lastObservation).max() ?? mark.profilesThrough,
      ratesThroughHour: detector.rates.closedThroughHour ?? mark.ratesThroughHour)
    return (rows, next)
  }

  /// Saves what changed in the detector after `mark`; returns the rows written and the new mark.
  @discardableResult
  public static func save(
    _ detector: BaselineDetector, stream: String, to store: SQLiteStore,
    after mark: SaveMark = SaveMark()
  ) throws -> (rows: Int, mark: SaveMark) {
    let (rows, next) = try rows(for: detector, stream: stream, after: mark)
    try store.save(profiles: rows)
    return (rows.count, next)
  }

  /// A detector with the profiles and rate series the store holds for `stream` (a fresh one
  /// when none).
  public static func restore(
    stream: String, from store: SQLiteStore, configuration: BaselineDetector.Configuration
  ) throws -> (detector: BaselineDetector, restored: Int, series: Int, unreadable: Int) {
    let read = snapshot(try store.profiles(stream: stream))
    var detector =
      read.snapshot.map {
        BaselineDetector(
          configuration: configuration,
          book: ProfileBook(restoring: $0, configuration: configuration.novelty.profiles))
      } ?? BaselineDetector(configuration: configuration)
    let series = detector.rates.restore(read.rates)
    return (
      detector, read.snapshot?.records.count ?? 0, series,
      read.unreadable + read.rates.count - series
    )
  }
}
