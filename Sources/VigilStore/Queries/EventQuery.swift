import VigilCore

/// Which events to read. Every filter left nil matches everything; filters combine with AND.
public struct EventQuery: Sendable, Hashable {
  /// Events at or after this time.
  public var since: Timestamp?
  /// Events before this time.
  public var until: Timestamp?
  /// Events with this audit ID (all stages).
  public var auditID: String?
  /// Events by this user.
  public var user: String?
  /// Events about objects in this namespace.
  public var namespace: String?
  /// Events about this resource (`pods`).
  public var resource: String?
  /// Events with this verb.
  public var verb: String?
  /// At most this many events (nil: all).
  public var limit: Int?
  /// The order of the results.
  public var order: StoreOrder

  /// Creates a query.
  public init(
    since: Timestamp? = nil, until: Timestamp? = nil, auditID: String? = nil, user: String? = nil,
    namespace: String? = nil, resource: String? = nil, verb: String? = nil, limit: Int? = nil,
    order: StoreOrder = .newestFirst
  ) {
    self.since = since
    self.until = until
    self.auditID = auditID
    self.user = user
    self.namespace = namespace
    self.resource = resource
    self.verb = verb
    self.limit = limit
    self.order = order
  }

  /// Every event, newest first.
  public static let all = EventQuery()
}
