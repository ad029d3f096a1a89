import GRDB
import VigilCore

import struct Foundation.Data
import class Foundation.JSONDecoder
import class Foundation.JSONEncoder

extension AlertRecord {
  /// The column list, in the order of ``databaseArguments`` and ``init(row:startingAt:)``.
  static let columns = """
    rule, severity, severity_name, time, last_seen, window_start, output, source, tags, controls, \
    fields, user_name, source_ip, user_agent, namespace, resource, name, evidence, dedup_key, count
    """

  /// ``columns`` qualified with a table alias (`a.rule, a.severity, …`), for joins.
  static func prefixedColumns(_ alias: String) -> String {
    columns.split(separator: ",").map { "\(alias).\($0.filter { $0 != " " })" }
      .joined(separator: ", ")
  }

  /// The insert statement.
  static let insertSQL = "INSERT INTO alerts (\(columns)) VALUES (\(placeholders(count: 20)))"

  /// The statement that finds the row an alert aggregates into.
  static let findSQL = "SELECT id, \(columns) FROM alerts WHERE dedup_key = ? AND window_start = ?"

  /// The statement that writes an aggregation back (only what ``merging(_:)`` changes).
  static let updateSQL = """
    UPDATE alerts SET severity = ?, severity_name = ?, time = ?, last_seen = ?, evidence = ?, \
    count = ? WHERE id = ?
    """

  /// The values of ``columns``.
  func databaseArguments() throws -> StatementArguments {
    let values: [(any DatabaseValueConvertible)?] = [
      rule, Int64(severity.rawValue), severity.falcoName, time.nanoseconds, lastSeen.nanoseconds,
      windowStart.nanoseconds, output, source, try AlertRecord.encode(tags, column: "tags"),
      try AlertRecord.encode(controls, column: "controls"),
      try AlertRecord.encode(fields, column: "fields"), subject.user, subject.sourceIP,
      subject.userAgent, subject.namespace, subject.resource, subject.name,
      try AlertRecord.encode(evidence.map(StoredEvidence.init), column: "evidence"), dedupKey,
      Int64(count),
    ]
    return StatementArguments(values)
  }

  /// The values of ``updateSQL`` for the row `id`.
  func updateArguments(id: Int64) throws -> StatementArguments {
    let values: [(any DatabaseValueConvertible)?] = [
      Int64(severity.rawValue), severity.falcoName, time.nanoseconds, lastSeen.nanoseconds,
      try AlertRecord.encode(evidence.map(StoredEvidence.init), column: "evidence"), Int64(count),
      id,
    ]
    return StatementArguments(values)
  }

  /// Reads the ``columns`` of a row, the first of them at index `start`.
  init(row: Row, startingAt start: Int) throws {
    let level: Int64 = row[start + 1]
    guard let severity = Severity(rawValue: Int(level)) else {
      throw StoreError(
        .invalidColumn, location: "alerts.severity", detail: "unknown severity \(level)")
    }
    let evidence = try AlertRecord.decode(
      [StoredEvidence].self, row[start + 17], column: "evidence")
    self.rule = row[start]
    self.severity = severity
    self.time = Timestamp(nanoseconds: row[start + 3])
    self.lastSeen = Timestamp(nanoseconds: row[start + 4])
    self.windowStart = Timestamp(nanoseconds: row[start + 5])
    self.output = row[start + 6]
    self.source = row[start + 7]
    self.tags = try AlertRecord.decode([String].self, row[start + 8], column: "tags")
    self.controls = try AlertRecord.decode(
      [ComplianceControl].self, row[start + 9], column: "controls")
    self.fields = try AlertRecord.decode([AlertField].self, row[start + 10], column: "fields")
    self.subject = AlertSubject(
      user: row[start + 11], sourceIP: row[start + 12], userAgent: row[start + 13],
      namespace: row[start + 14], resource: row[start + 15], name: row[start + 16])
    self.evidence = evidence.map(\.evidence)
    self.dedupKey = row[start + 18]
    self.count = Int(row[start + 19] as Int64)
  }

  /// A list as JSON text (Foundation is fine here: alerts are low-rate).
  static func encode(_ value: some Encodable, column: String) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      return String(decoding: try encoder.encode(value), as: UTF8.self)
    } catch {
      throw StoreError(.encodingFailure, location: "alerts.\(column)", detail: "\(error)")
    }
  }

  /// Reads ``encode(_:column:)``'s text back.
  static func decode<T: Decodable>(_ type: T.Type, _ text: String, column: String) throws -> T {
    do {
      return try JSONDecoder().decode(type, from: Data(text.utf8))
    } catch {
      throw StoreError(.invalidColumn, location: "alerts.\(column)", detail: "\(error)")
    }
  }
}

/// Evidence as stored: times in nanoseconds (its `Codable` form prints microseconds, which would
/// not round-trip).
struct StoredEvidence: Codable {
  var auditID: String?
  var stage: String?
  var time: Int64
  var file: String
  var line: Int

  init(_ evidence: Evidence) {
    auditID = evidence.auditID
    stage = evidence.stage
    time = evidence.time.nanoseconds
    file = evidence.position.file
    line = evidence.position.line
  }

  var evidence: Evidence {
    Evidence(
      auditID: auditID, stage: stage, time: Timestamp(nanoseconds: time),
      position: SourcePosition(file: file, line: line))
  }
}
