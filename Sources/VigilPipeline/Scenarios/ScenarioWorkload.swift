/// One workload of the simulated cluster: what it runs, who it talks to and how much.
public struct ScenarioWorkload: Sendable, Hashable {
  /// The controller kind.
  public enum Kind: String, Sendable, Hashable {
    /// A Deployment (pods through a ReplicaSet).
    case deployment = "Deployment"
    /// A StatefulSet.
    case statefulSet = "StatefulSet"
    /// A DaemonSet (one pod per node).
    case daemonSet = "DaemonSet"
    /// A CronJob (a Job and its pod every hour).
    case cronJob = "CronJob"
  }

  /// A peer it calls: another workload's Service and port.
  public struct Call: Sendable, Hashable {
    /// The callee's namespace.
    public var namespace: String
    /// The callee's name (its Service has the same name).
    public var name: String
    /// The port.
    public var port: UInt16
    /// Connections per pod per hour outside working hours.
    public var perHour: Double
  }

  /// `metadata.name`.
  public var name: String
  /// `metadata.namespace`.
  public var namespace: String
  /// The controller kind.
  public var kind: Kind
  /// The image repository (no tag).
  public var repository: String
  /// The image tag at the start.
  public var tag: String
  /// Replicas at the start (ignored for DaemonSets).
  public var replicas: Int
  /// The container port its Service exposes (0: no Service).
  public var port: UInt16
  /// Its service account's name.
  public var serviceAccount: String
  /// Internal peers.
  public var calls: [Call]
  /// External domains it reaches on 443, with connections per pod per hour.
  public var domains: [(name: String, perHour: Double)]
  /// Bytes it sends per connection, about.
  public var bytesOut: UInt64
  /// Replicas in working hours when an HPA scales it (nil: no HPA).
  public var busyReplicas: Int?
  /// The language runtime (for the Log4j scenario: `java`).
  public var runtime: String

  /// The `namespace/name` label.
  public var label: String { "\(namespace)/\(name)" }
  /// `system:serviceaccount:<ns>:<sa>`.
  public var serviceAccountUser: String { "system:serviceaccount:\(namespace):\(serviceAccount)" }
  /// The image at `tag`.
  public func image(tag: String) -> String { "\(repository):\(tag)" }

  /// Workloads are the same when their namespace and name are.
  public static func == (lhs: ScenarioWorkload, rhs: ScenarioWorkload) -> Bool {
    lhs.namespace == rhs.namespace && lhs.name == rhs.name
  }

  /// Hashes the namespace and name.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(namespace)
    hasher.combine(name)
  }
}
