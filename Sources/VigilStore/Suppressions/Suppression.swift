import VigilCore

/// A decision to stop alerting on something for a while: the alerts matching every criterion it
/// names (rule, namespace, user, object name) are counted but neither stored nor delivered until
/// it expires.
public struct Suppression: Sendable, Hashable, Codable {
  /// The stored row's identity (nil before it is stored).
  public var id: Int64?
  /// The rule or detector name, exactly.
  public var rule: String?
  /// The namespace of the alert's object.
  public var namespace: String?
  /// The acting user.
  public var user: String?
  /// The object's name.
  public var name: String?
  /// Why (required: a suppression nobody can explain is a hole).
  public var reason: String
  /// Who added it.
  public var createdBy: String?
  /// When it was added.
  public var created: Timestamp
  /// When it stops applying (nil: until removed).
  public var expires: Timestamp?

  /// Creates a suppression.
  public init(
    id: Int64? = nil, rule: String? = nil, namespace: String? = nil, user: String? = nil,
    name: String? = nil, reason: String, createdBy: String? = nil, created: Timestamp,
    expires: Timestamp?
  ) {
    self.id = id
    self.rule = rule
    self.namespace = namespace
    self.user = user
    self.name = name
    self.reason = reason
    self.createdBy = createdBy
    self.created = created
    self.expires = expires
  }

  /// True when it names at least one criterion (an empty one would silence everything).
  public var hasCriteria: Bool { rule != nil || namespace != nil || user != nil || name != nil }

  /// True when it applies at `now`.
  public func isActive(at now: Timestamp) -> Bool { expires.map { now < $0 } ?? true }

  /// True when it is active at `now` and `alert` meets every criterion it names.
  public func matches(_ alert: Alert, at now: Timestamp) -> Bool {
    guard hasCriteria, isActive(at: now) else { return false }
    if let rule, rule != alert.rule { return false }
    if let namespace, namespace != alert.subject.namespace { return false }
    if let user, user != alert.subject.user { return false }
    if let name, name != alert.subject.name { return false }
    return true
  }
}
