import VigilCore

/// One stored event: the columns queries filter on, normalized from the `Event`, and the event's
/// raw JSON exactly as decoded (secrets already redacted by the decoder).
///
/// Audit fields are optional so that other event kinds (flows, execs) can share the table.
public struct EventRecord: Sendable, Hashable {
  /// When it happened.
  public var time: Timestamp
  /// The rule source the event feeds (`k8s_audit`).
  public var source: String
  /// The audit ID.
  public var auditID: String?
  /// The audit stage (`ResponseComplete` …).
  public var stage: String?
  /// The Kubernetes verb.
  public var verb: String?
  /// The request path with query.
  public var requestURI: String?
  /// The acting user name.
  public var user: String?
  /// The acting user's groups.
  public var userGroups: [String]
  /// The impersonated user name, under impersonation.
  public var impersonatedUser: String?
  /// The original client IP.
  public var sourceIP: String?
  /// The client's user agent.
  public var userAgent: String?
  /// The object's namespace.
  public var namespace: String?
  /// The object's resource (`pods`).
  public var resource: String?
  /// The object's subresource (`exec`).
  public var subresource: String?
  /// The object's name.
  public var name: String?
  /// The object's API group.
  public var apiGroup: String?
  /// The HTTP status of the response.
  public var responseCode: Int?
  /// The shape the audit event arrived in.
  public var shape: AuditEvent.Shape?
  /// Where the event was read from.
  public var position: SourcePosition
  /// True when the event was over the size limit and kept as metadata only.
  public var truncated: Bool
  /// The event's JSON (native audit.k8s.io shape, redacted), byte for byte.
  public var raw: [UInt8]

  /// Creates a record.
  public init(
    time: Timestamp, source: String, auditID: String? = nil, stage: String? = nil,
    verb: String? = nil, requestURI: String? = nil, user: String? = nil, userGroups: [String] = [],
    impersonatedUser: String? = nil, sourceIP: String? = nil, userAgent: String? = nil,
    namespace: String? = nil, resource: String? = nil, subresource: String? = nil,
    name: String? = nil, apiGroup: String? = nil, responseCode: Int? = nil,
    shape: AuditEvent.Shape? = nil, position: SourcePosition, truncated: Bool = false,
    raw: [UInt8]
  ) {
    self.time = time
    self.source = source
    self.auditID = auditID
    self.stage = stage
    self.verb = verb
    self.requestURI = requestURI
    self.user = user
    self.userGroups = userGroups
    self.impersonatedUser = impersonatedUser
    self.sourceIP = sourceIP
    self.userAgent = userAgent
    self.namespace = namespace
    self.resource = resource
    self.subresource = subresource
    self.name = name
    self.apiGroup = apiGroup
    self.responseCode = responseCode
    self.shape = shape
    self.position = position
    self.truncated = truncated
    self.raw = raw
  }
}
