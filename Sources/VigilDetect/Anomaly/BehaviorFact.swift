import VigilCore

/// Who a behavior profile describes: a workload (all replicas share one profile), a user, a
/// service account or a namespace.
public struct EntityKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The kind of entity a profile is kept for.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A workload (Deployment, StatefulSet, DaemonSet, CronJob …), keyed by namespace/kind/name.
    case workload
    /// A human or external user, keyed by username.
    case user
    /// A service account, keyed by namespace/name.
    case serviceAccount
    /// A namespace, keyed by name.
    case namespace
  }

  /// The kind of entity.
  public var kind: Kind
  /// The entity's name within its kind: `payments/Deployment/api`, `alice@example.com`,
  /// `payments/api`, `payments`.
  public var name: String
  /// The namespace the entity lives in, when it has one (used for per-namespace sensitivity).
  public var namespace: String?

  /// An entity key.
  public init(kind: Kind, name: String, namespace: String? = nil) {
    self.kind = kind
    self.name = name
    self.namespace = namespace
  }

  /// A workload's key: `namespace/kind/name`.
  public static func workload(namespace: String, kind: String, name: String) -> EntityKey {
    EntityKey(kind: .workload, name: "\(namespace)/\(kind)/\(name)", namespace: namespace)
  }

  /// A user's key.
  public static func user(_ username: String) -> EntityKey {
    EntityKey(kind: .user, name: username)
  }

  /// A service account's key: `namespace/name`.
  public static func serviceAccount(namespace: String, name: String) -> EntityKey {
    EntityKey(kind: .serviceAccount, name: "\(namespace)/\(name)", namespace: namespace)
  }

  /// A namespace's key.
  public static func namespace(_ name: String) -> EntityKey {
    EntityKey(kind: .namespace, name: name, namespace: name)
  }

  /// `kind:name`, e.g. `workload:payments/Deployment/api`.
  public var description: String { "\(kind.rawValue):\(name)" }

  /// The key ``description`` prints (`workload:payments/Deployment/api`, `user:alice`,
  /// `serviceAccount:payments/api`, `namespace:payments`), with the namespace the constructors
  /// give; nil for anything else.
  public init?(text: String) {
    guard let colon = text.firstIndex(of: ":"),
      let kind = Kind(rawValue: String(text[..<colon]))
    else { return nil }
    let name = String(text[text.index(after: colon)...])
    guard !name.isEmpty else { return nil }
    let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    switch kind {
    case .workload:
      guard parts.count == 3, !parts[0].isEmpty else { return nil }
      self = .workload(namespace: parts[0], kind: parts[1], name: parts[2])
    case .serviceAccount:
      guard parts.count == 2, !parts[0].isEmpty else { return nil }
      self = .serviceAccount(namespace: parts[0], name: parts[1])
    case .namespace: self = .namespace(name)
    case .user: self = .user(name)
    }
  }

  /// Orders by kind, then name.
  public static func < (lhs: EntityKey, rhs: EntityKey) -> Bool {
    (lhs.kind.rawValue, lhs.name) < (rhs.kind.rawValue, rhs.name)
  }
}

/// The kinds of categorical facts a profile learns.
public enum FactCategory: String, Sendable, Hashable, Codable, CaseIterable {
  /// A network peer, `identity:port/proto` (e.g. `payments/Deployment/db:5432/tcp`).
  case peer
  /// An external domain the entity connected to (the DNS name its pods resolved).
  case domain
  /// A port the workload accepted connections on (`8080/tcp`).
  case listeningPort
  /// A process the workload ran (once process events exist).
  case process
  /// An API call shape: `verb resource namespace` (e.g. `get secrets payments`).
  case apiCall
  /// A client family from the userAgent (`kubectl`, `helm`, `argocd`, `python-requests` …).
  case userAgent
  /// A source IP the entity called the API from.
  case sourceIP
  /// A registry the entity's images come from.
  case registry
  /// An image the entity runs (repository, without tag or digest).
  case image
}

/// One categorical observation about an entity: "workload X talked to peer Y at time T".
public struct BehaviorFact: Sendable, Hashable {
  /// Whose profile the fact belongs to.
  public var entity: EntityKey
  /// What kind of fact it is.
  public var category: FactCategory
  /// The fact's value within its category.
  public var value: String
  /// When it was observed.
  public var time: Timestamp

  /// A fact.
  public init(entity: EntityKey, category: FactCategory, value: String, time: Timestamp) {
    self.entity = entity
    self.category = category
    self.value = value
    self.time = time
  }
}

/// The numeric series a profile keeps per time bucket.
public enum SeriesKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// Kubernetes API calls made by the entity.
  case apiCalls
  /// API writes (create, update, patch, delete, deletecollection).
  case writes
  /// Responses 401 and 403.
  case authFailures
  /// Network connections opened.
  case connections
  /// Connections refused, reset or unanswered.
  case failedConnections
  /// Bytes sent by the entity.
  case bytesOut
}

/// One numeric observation: `amount` added to an entity's series at a time.
public struct SeriesObservation: Sendable, Hashable {
  /// Whose series it is.
  public var entity: EntityKey
  /// Which series.
  public var series: SeriesKind
  /// When.
  public var time: Timestamp
  /// How much to add (1 for a call or connection; a byte count for bytesOut).
  public var amount: Double

  /// An observation.
  public init(entity: EntityKey, series: SeriesKind, time: Timestamp, amount: Double) {
    self.entity = entity
    self.series = series
    self.time = time
    self.amount = amount
  }
}

/// A directed interaction between two entities, for edge-burst detection (MIDAS-R): a
/// workload connecting to a peer, a user calling a resource.
public struct EntityEdge: Sendable, Hashable {
  /// Who initiated.
  public var source: String
  /// What was reached.
  public var destination: String
  /// When.
  public var time: Timestamp
  /// The entity whose profile/alert the edge belongs to (the source side).
  public var entity: EntityKey

  /// An edge.
  public init(source: String, destination: String, time: Timestamp, entity: EntityKey) {
    self.source = source
    self.destination = destination
    self.time = time
    self.entity = entity
  }
}

/// Everything one event or flow says about behavior: facts, series amounts and edges.
public struct BehaviorObservation: Sendable {
  /// Categorical facts.
  public var facts: [BehaviorFact] = []
  /// Numeric series amounts.
  public var series: [SeriesObservation] = []
  /// Interaction edges.
  public var edges: [EntityEdge] = []
  /// Image changes seen (a workload's image digest or tag changed): a rollout relaxes the
  /// workload's profile for a window.
  public var rollouts: [EntityKey] = []

  /// An empty observation.
  public init() {}
}
