/// The parts of a workload controller (ReplicaSet, Deployment, StatefulSet, DaemonSet, Job,
/// CronJob) that Vigil uses.
public struct WorkloadRecord: Sendable, Hashable {
  /// The controller kind.
  public var kind: WorkloadKind
  /// Namespace, name, uid, labels, owners, times.
  public var metadata: ObjectMetadata
  /// Images of the pod template's init and regular containers, in order.
  public var images: [String]

  /// Creates a record.
  public init(kind: WorkloadKind, metadata: ObjectMetadata, images: [String] = []) {
    self.kind = kind
    self.metadata = metadata
    self.images = images
  }

  /// The namespace.
  public var namespace: String { metadata.namespace }
  /// The name.
  public var name: String { metadata.name }
  /// `Deployment payments/api`.
  public var reference: WorkloadReference {
    WorkloadReference(kind: kind.rawValue, namespace: metadata.namespace, name: metadata.name)
  }
}
