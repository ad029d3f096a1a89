import VigilCore

extension AlertQuery {
  /// True when `record` passes every filter (the in-memory evaluation; SQL backends must agree).
  public func matches(_ record: AlertRecord) -> Bool {
    if let since, record.time < since { return false }
    if let until, record.time >= until { return false }
    if let minimumSeverity, record.severity < minimumSeverity { return false }
    if !rules.isEmpty, !rules.contains(record.rule) { return false }
    if let namespace, record.subject.namespace != namespace { return false }
    if let user, record.subject.user != user { return false }
    if let dedupKey, record.dedupKey != dedupKey { return false }
    if let text, !text.isEmpty, !record.output.utf8.containsBytes(of: text.utf8) { return false }
    return true
  }
}

extension String.UTF8View {
  /// True when `needle` occurs in these bytes (byte-wise, like SQL's `instr`).
  func containsBytes(of needle: String.UTF8View) -> Bool {
    let haystack = Array(self)
    let pattern = Array(needle)
    guard !pattern.isEmpty else { return true }
    guard haystack.count >= pattern.count else { return false }
    for start in 0...(haystack.count - pattern.count)
    where haystack[start] == pattern[0]
      && haystack[start..<(start + pattern.count)].elementsEqual(pattern)
    {
      return true
    }
    return false
  }
}
