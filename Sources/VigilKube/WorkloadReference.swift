/// A workload: the controller that owns pods (Deployment, StatefulSet, DaemonSet, Job, CronJob),
/// or the pod itself when nothing owns it. Identity in Vigil names workloads, not pods or IPs.
public struct WorkloadReference: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The kind (`Deployment`, `StatefulSet`, `DaemonSet`, `Job`, `CronJob`, `ReplicaSet`, `Pod`).
  public var kind: String
  /// The namespace.
  public var namespace: String
  /// The name.
  public var name: String

  /// Creates a reference.
  public init(kind: String, namespace: String, name: String) {
    self.kind = kind
    self.namespace = namespace
    self.name = name
  }

  /// `Deployment payments/api`.
  public var description: String { "\(kind) \(namespace)/\(name)" }

  /// Ordered by namespace, kind, name.
  public static func < (lhs: WorkloadReference, rhs: WorkloadReference) -> Bool {
    (lhs.namespace, lhs.kind, lhs.name) < (rhs.namespace, rhs.kind, rhs.name)
  }
}
