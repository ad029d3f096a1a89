import VigilCore

extension EventQuery {
  /// True when `record` passes every filter (the in-memory evaluation; SQL backends must agree).
  public func matches(_ record: EventRecord) -> Bool {
    if let since, record.time < since { return false }
    if let until, record.time >= until { return false }
    if let auditID, record.auditID != auditID { return false }
    if let user, record.user != user { return false }
    if let namespace, record.namespace != namespace { return false }
    if let resource, record.resource != resource { return false }
    if let verb, record.verb != verb { return false }
    return true
  }
}
