import VigilCore

/// "Don't alert on this until then": an entity (or namespace) pattern, a category or any, a
/// value pattern or any, and an expiry. Suppressed findings are still learned, only not
/// alerted; they are counted. Patterns are globs (`*` any run, `?` one character).
public struct NoveltySuppression: Sendable, Hashable, Codable {
  /// What the suppression covers.
  public enum Scope: Sendable, Hashable, Codable {
    /// Entities whose name (`payments/Deployment/api`) or key (`workload:payments/…`)
    /// matches the glob.
    case entity(String)
    /// Entities whose namespace matches the glob.
    case namespace(String)
  }

  /// The entities covered.
  public var scope: Scope
  /// The category covered; nil for all.
  public var category: FactCategory?
  /// The value glob; nil for any value.
  public var value: String?
  /// When it stops applying.
  public var until: Timestamp
  /// Why (shown when listing).
  public var reason: String?

  /// A suppression.
  public init(
    scope: Scope, category: FactCategory? = nil, value: String? = nil, until: Timestamp,
    reason: String? = nil
  ) {
    self.scope = scope
    self.category = category
    self.value = value
    self.until = until
    self.reason = reason
  }

  /// Whether it covers `finding` (and has not expired at the finding's time).
  public func matches(_ finding: NoveltyFinding) -> Bool {
    guard finding.time < until else { return false }
    if let category, category != finding.category { return false }
    if let value, !Self.glob(value, matches: finding.value) { return false }
    switch scope {
    case .entity(let pattern):
      return Self.glob(pattern, matches: finding.entity.name)
        || Self.glob(pattern, matches: finding.entity.description)
    case .namespace(let pattern):
      guard let namespace = finding.entity.namespace else { return false }
      return Self.glob(pattern, matches: namespace)
    }
  }

  /// Glob match over UTF-8 bytes: `*` any run (possibly empty), `?` one byte.
  static func glob(_ pattern: String, matches text: String) -> Bool {
    let p = Array(pattern.utf8)
    let t = Array(text.utf8)
    var pi = 0
    var ti = 0
    var star = -1
    var mark = 0
    while ti < t.count {
      if pi < p.count, p[pi] == UInt8(ascii: "?") || p[pi] == t[ti] {
        pi += 1
        ti += 1
      } else if pi < p.count, p[pi] == UInt8(ascii: "*") {
        star = pi
        mark = ti
        pi += 1
      } else if star >= 0 {
        pi = star + 1
        mark += 1
        ti = mark
      } else {
        return false
      }
    }
    while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
    return pi == p.count
  }
}
