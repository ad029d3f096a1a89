import GRDB
import VigilCore
import VigilJSON

extension EventRecord {
  /// The column list, in the order of ``databaseArguments`` and ``init(row:)``.
  static let columns = """
    time, source, audit_id, stage, verb, request_uri, user_name, user_groups, impersonated_user, \
    source_ip, user_agent, namespace, resource, subresource, name, api_group, response_code, \
    shape, file, line, truncated, raw
    """

  /// The insert statement (prepared once per connection and cached).
  static let insertSQL = "INSERT INTO events (\(columns)) VALUES (\(placeholders(count: 22)))"

  /// Binds the values of ``columns`` (in order) to the insert statement.
  func bind(to binder: inout SQLiteBinder) {
    binder.bind(time.nanoseconds)
    binder.bind(source)
    binder.bind(auditID)
    binder.bind(stage)
    binder.bind(verb)
    binder.bind(requestURI)
    binder.bind(user)
    binder.bind(userGroups.isEmpty ? nil : EventRecord.encodeGroups(userGroups))
    binder.bind(impersonatedUser)
    binder.bind(sourceIP)
    binder.bind(userAgent)
    binder.bind(namespace)
    binder.bind(resource)
    binder.bind(subresource)
    binder.bind(name)
    binder.bind(apiGroup)
    binder.bind(responseCode.map { Int64($0) })
    binder.bind(shape?.rawValue)
    binder.bind(position.file)
    binder.bind(Int64(position.line))
    binder.bind(truncated ? Int64(1) : Int64(0))
    binder.bind(blob: raw)
  }

  /// Reads a row selected with ``columns``.
  init(row: Row) throws {
    let shapeText: String? = row[17]
    var shape: AuditEvent.Shape?
    if let shapeText {
      guard let parsed = AuditEvent.Shape(rawValue: shapeText) else {
        throw StoreError(
          .invalidColumn, location: "events.shape", detail: "unknown shape \(shapeText)")
      }
      shape = parsed
    }
    let groupsText: String? = row[7]
    let code: Int64? = row[16]
    let raw = try row.withUnsafeData(atIndex: 21) { data in data.map { [UInt8]($0) } ?? [] }
    self.init(
      time: Timestamp(nanoseconds: row[0]), source: row[1], auditID: row[2], stage: row[3],
      verb: row[4], requestURI: row[5], user: row[6],
      userGroups: try groupsText.map(EventRecord.decodeGroups) ?? [], impersonatedUser: row[8],
      sourceIP: row[9], userAgent: row[10], namespace: row[11], resource: row[12],
      subresource: row[13], name: row[14], apiGroup: row[15], responseCode: code.map { Int($0) },
      shape: shape, position: SourcePosition(file: row[18], line: Int(row[19] as Int64)),
      truncated: (row[20] as Int64) != 0, raw: raw)
  }

  /// Groups as a JSON array of strings (cheap to write without Foundation on the hot path).
  static func encodeGroups(_ groups: [String]) -> String {
    var out: [UInt8] = [UInt8(ascii: "[")]
    for (index, group) in groups.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      JSONText.appendQuoted(group, to: &out)
    }
    out.append(UInt8(ascii: "]"))
    return String(decoding: out, as: UTF8.self)
  }

  /// Reads ``encodeGroups(_:)``'s text back.
  static func decodeGroups(_ text: String) throws -> [String] {
    let document: JSONDocument
    do {
      document = try JSONDocument(parsing: text)
    } catch {
      throw StoreError(.invalidColumn, location: "events.user_groups", detail: "\(error)")
    }
    guard document.root.kind == .array else {
      throw StoreError(.invalidColumn, location: "events.user_groups", detail: "not an array")
    }
    return try document.root.elements.map { element in
      guard let group = element.string else {
        throw StoreError(.invalidColumn, location: "events.user_groups", detail: "not a string")
      }
      return group
    }
  }
}
