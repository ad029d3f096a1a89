import VigilJSON

/// A Kubernetes audit event (`audit.k8s.io/v1` `Event`), normalized from any shape Vigil reads.
///
/// The common fields are decoded eagerly; everything else is read on demand from `document`, the
/// event in native `audit.k8s.io` shape with secrets already redacted.
///
/// An immutable class, so that handing an event to many rules and fields costs one reference
/// count, not a copy of every field (rule evaluation reads it dozens of times per event).
public final class AuditEvent: Sendable {
  /// The shapes an audit event arrives in.
  public enum Shape: String, Sendable, Hashable, Codable {
    /// The API server's own log or webhook (`audit.k8s.io/v1` or `v1beta1`).
    case native
    /// Amazon EKS control-plane logs exported from CloudWatch.
    case eks
    /// Azure AKS diagnostic logs (`properties.log`).
    case aks
    /// Google GKE Cloud Audit Logs (`protoPayload`).
    case gke
  }

  /// Unique ID of the request (`auditID`); with `stage` the deduplication key.
  public let auditID: String
  /// `RequestReceived`, `ResponseStarted`, `ResponseComplete` or `Panic`; nil for old events.
  public let stage: String?
  /// The Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection.
  public let verb: String
  /// The request path with query (`/api/v1/namespaces/default/pods/x/exec?command=sh`).
  ///
  /// Read from `document` on each use when the event was decoded, like `sourceIPs` (`""` when
  /// absent).
  public var requestURI: String {
    readsFromDocument ? document.root["requestURI"]?.string ?? "" : givenRequestURI
  }
  /// `Metadata`, `Request` or `RequestResponse`.
  public let level: String?
  /// Who made the request.
  public let user: UserInfo
  /// Who the request was made as, under impersonation.
  public let impersonatedUser: UserInfo?
  /// Client IPs, the first being the original client.
  ///
  /// Read from `document` on each use when the event was decoded (rules read it rarely, for
  /// outputs), so decoding does not allocate it for every event.
  public var sourceIPs: [String] {
    readsFromDocument ? Self.strings(document.root["sourceIPs"]) : givenSourceIPs
  }
  /// The client's `User-Agent` (kubectl/v1.30…, helm, argocd …), when recorded.
  ///
  /// Read from `document` on each use when the event was decoded, like `sourceIPs`.
  public var userAgent: String? {
    readsFromDocument ? document.root["userAgent"]?.string : givenUserAgent
  }
  /// The object the request is about.
  public let objectRef: ObjectReference?
  /// The HTTP status of the response (`responseStatus.code`), when known.
  public let responseCode: Int?
  /// When the API server received the request.
  public let requestReceivedAt: Timestamp?
  /// When this stage was reached.
  public let stageAt: Timestamp?
  /// The shape it arrived in.
  public let shape: Shape
  /// True when the event was over the size limit and kept as metadata only.
  public let truncated: Bool
  /// The event in native audit.k8s.io JSON shape, secrets redacted; rules read fields from it.
  public let document: JSONDocument

  /// `requestURI`, `sourceIPs` and `userAgent` are read from the root members of `document`
  /// (else they are the given values).
  private let readsFromDocument: Bool
  /// `requestURI` as given to `init` (empty when read from `document`).
  private let givenRequestURI: String
  /// `sourceIPs` as given to `init` (empty when read from `document`).
  private let givenSourceIPs: [String]
  /// `userAgent` as given to `init` (nil when read from `document`).
  private let givenUserAgent: String?

  /// Creates an audit event with every field given.
  public convenience init(
    auditID: String, stage: String?, verb: String, requestURI: String, level: String?,
    user: UserInfo, impersonatedUser: UserInfo?, sourceIPs: [String], userAgent: String?,
    objectRef: ObjectReference?, responseCode: Int?, requestReceivedAt: Timestamp?,
    stageAt: Timestamp?, shape: Shape, truncated: Bool, document: JSONDocument
  ) {
    self.init(
      auditID: auditID, stage: stage, verb: verb, level: level, user: user,
      impersonatedUser: impersonatedUser, objectRef: objectRef, responseCode: responseCode,
      requestReceivedAt: requestReceivedAt, stageAt: stageAt, shape: shape, truncated: truncated,
      document: document, given: (requestURI, sourceIPs, userAgent))
  }

  /// Creates a decoded audit event whose `requestURI`, `sourceIPs` and `userAgent` are read from
  /// the root of `document` when used (the string `requestURI` and `userAgent` members; the
  /// string elements of the `sourceIPs` array), instead of being decoded up front.
  public convenience init(
    auditID: String, stage: String?, verb: String, level: String?,
    user: UserInfo, impersonatedUser: UserInfo?, objectRef: ObjectReference?, responseCode: Int?,
    requestReceivedAt: Timestamp?, stageAt: Timestamp?, shape: Shape, truncated: Bool,
    document: JSONDocument
  ) {
    self.init(
      auditID: auditID, stage: stage, verb: verb, level: level, user: user,
      impersonatedUser: impersonatedUser, objectRef: objectRef, responseCode: responseCode,
      requestReceivedAt: requestReceivedAt, stageAt: stageAt, shape: shape, truncated: truncated,
      document: document, given: nil)
  }

  /// Stores every field; `given` nil means the three lazy fields are read from `document`.
  private init(
    auditID: String, stage: String?, verb: String, level: String?, user: UserInfo,
    impersonatedUser: UserInfo?, objectRef: ObjectReference?, responseCode: Int?,
    requestReceivedAt: Timestamp?, stageAt: Timestamp?, shape: Shape, truncated: Bool,
    document: JSONDocument, given: (requestURI: String, sourceIPs: [String], userAgent: String?)?
  ) {
    self.auditID = auditID
    self.stage = stage
    self.verb = verb
    self.level = level
    self.user = user
    self.impersonatedUser = impersonatedUser
    self.readsFromDocument = given == nil
    self.givenRequestURI = given?.requestURI ?? ""
    self.givenSourceIPs = given?.sourceIPs ?? []
    self.givenUserAgent = given?.userAgent
    self.objectRef = objectRef
    self.responseCode = responseCode
    self.requestReceivedAt = requestReceivedAt
    self.stageAt = stageAt
    self.shape = shape
    self.truncated = truncated
    self.document = document
  }

  /// The string elements of an array (others skipped); `[]` when absent or not an array.
  private static func strings(_ value: JSONValue?) -> [String] {
    guard let value, value.kind == .array else { return [] }
    var out: [String] = []
    out.reserveCapacity(value.count)
    value.forEachElement { if let s = $0.string { out.append(s) } }
    return out
  }
}

/// The authenticated identity of a request.
public struct UserInfo: Sendable, Hashable, Codable {
  /// `alice@example.com`, `system:serviceaccount:ci:deployer`, `system:anonymous` …
  public var username: String
  /// The user's UID, when recorded.
  public var uid: String?
  /// Groups the user belongs to.
  public var groups: [String]

  /// Creates a user.
  public init(username: String, uid: String? = nil, groups: [String] = []) {
    self.username = username
    self.uid = uid
    self.groups = groups
  }

  /// True for `system:serviceaccount:<namespace>:<name>` users.
  public var isServiceAccount: Bool { username.hasPrefix("system:serviceaccount:") }
}

/// The object an audit event is about (`objectRef`).
public struct ObjectReference: Sendable, Hashable, Codable {
  /// Plural resource name: pods, secrets, clusterrolebindings …
  public var resource: String?
  /// Subresource: exec, attach, portforward, log, status, proxy …
  public var subresource: String?
  /// Namespace, for namespaced objects.
  public var namespace: String?
  /// Object name.
  public var name: String?
  /// API group (`rbac.authorization.k8s.io`), empty for the core group.
  public var apiGroup: String?
  /// API version (`v1`).
  public var apiVersion: String?

  /// Creates a reference.
  public init(
    resource: String? = nil, subresource: String? = nil, namespace: String? = nil,
    name: String? = nil, apiGroup: String? = nil, apiVersion: String? = nil
  ) {
    self.resource = resource
    self.subresource = subresource
    self.namespace = namespace
    self.name = name
    self.apiGroup = apiGroup
    self.apiVersion = apiVersion
  }
}
