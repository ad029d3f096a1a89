import VigilCore

/// Which alerts to read. Every filter left nil (or empty) matches everything; filters combine
/// with AND.
public struct AlertQuery: Sendable, Hashable {
  /// Alerts whose first occurrence is at or after this time.
  public var since: Timestamp?
  /// Alerts whose first occurrence is before this time.
  public var until: Timestamp?
  /// Alerts at least this severe.
  public var minimumSeverity: Severity?
  /// Alerts of one of these rules (empty: any rule).
  public var rules: [String]
  /// Alerts about objects in this namespace.
  public var namespace: String?
  /// Alerts about this user.
  public var user: String?
  /// Alerts whose output contains this text (case-sensitive).
  public var text: String?
  /// Alerts with this dedup key.
  public var dedupKey: String?
  /// At most this many alerts (nil: all).
  public var limit: Int?
  /// The order of the results.
  public var order: StoreOrder

  /// Creates a query.
  public init(
    since: Timestamp? = nil, until: Timestamp? = nil, minimumSeverity: Severity? = nil,
    rules: [String] = [], namespace: String? = nil, user: String? = nil, text: String? = nil,
    dedupKey: String? = nil, limit: Int? = nil, order: StoreOrder = .newestFirst
  ) {
    self.since = since
    self.until = until
    self.minimumSeverity = minimumSeverity
    self.rules = rules
    self.namespace = namespace
    self.user = user
    self.text = text
    self.dedupKey = dedupKey
    self.limit = limit
    self.order = order
  }

  /// Every alert, newest first.
  public static let all = AlertQuery()
}
