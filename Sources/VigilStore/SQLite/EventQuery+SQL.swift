import GRDB

extension EventQuery {
  /// The SELECT statement and its arguments (agrees with ``matches(_:)``).
  var sql: (text: String, arguments: StatementArguments) {
    var conditions: [String] = []
    var values: [(any DatabaseValueConvertible)?] = []
    func add(_ condition: String, _ value: (any DatabaseValueConvertible)?) {
      conditions.append(condition)
      values.append(value)
    }
    if let since { add("time >= ?", since.nanoseconds) }
    if let until { add("time < ?", until.nanoseconds) }
    if let auditID { add("audit_id = ?", auditID) }
    if let user { add("user_name = ?", user) }
    if let namespace { add("namespace = ?", namespace) }
    if let resource { add("resource = ?", resource) }
    if let verb { add("verb = ?", verb) }
    var text = "SELECT \(EventRecord.columns) FROM events"
    if !conditions.isEmpty { text += " WHERE " + conditions.joined(separator: " AND ") }
    text += order == .newestFirst ? " ORDER BY time DESC, id DESC" : " ORDER BY time, id"
    if let limit {
      text += " LIMIT ?"
      values.append(Int64(max(limit, 0)))
    }
    return (text, StatementArguments(values))
  }
}
