import GRDB

extension AlertQuery {
  /// The SELECT statement (row id first) and its arguments (agrees with ``matches(_:)``).
  var sql: (text: String, arguments: StatementArguments) {
    var conditions: [String] = []
    var values: [(any DatabaseValueConvertible)?] = []
    if let since {
      conditions.append("time >= ?")
      values.append(since.nanoseconds)
    }
    if let until {
      conditions.append("time < ?")
      values.append(until.nanoseconds)
    }
    if let minimumSeverity {
      conditions.append("severity >= ?")
      values.append(Int64(minimumSeverity.rawValue))
    }
    if !rules.isEmpty {
      conditions.append("rule IN (\(placeholders(count: rules.count)))")
      values.append(contentsOf: rules.map { $0 as (any DatabaseValueConvertible)? })
    }
    if let namespace {
      conditions.append("namespace = ?")
      values.append(namespace)
    }
    if let user {
      conditions.append("user_name = ?")
      values.append(user)
    }
    if let dedupKey {
      conditions.append("dedup_key = ?")
      values.append(dedupKey)
    }
    if let text, !text.isEmpty {
      conditions.append("instr(output, ?) > 0")
      values.append(text)
    }
    var text = "SELECT id, \(AlertRecord.columns) FROM alerts"
    if !conditions.isEmpty { text += " WHERE " + conditions.joined(separator: " AND ") }
    text += order == .newestFirst ? " ORDER BY time DESC, id DESC" : " ORDER BY time, id"
    if let limit {
      text += " LIMIT ?"
      values.append(Int64(max(limit, 0)))
    }
    return (text, StatementArguments(values))
  }
}
