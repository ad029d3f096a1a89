/// The object kinds the inventory keeps.
public enum InventoryKind: String, Sendable, Hashable, CaseIterable, Comparable {
  /// A Pod.
  case pod = "Pod"
  /// A Service.
  case service = "Service"
  /// A Node.
  case node = "Node"
  /// A Namespace.
  case namespace = "Namespace"
  /// A ReplicaSet (apps/v1).
  case replicaSet = "ReplicaSet"
  /// A Deployment (apps/v1).
  case deployment = "Deployment"
  /// A StatefulSet (apps/v1).
  case statefulSet = "StatefulSet"
  /// A DaemonSet (apps/v1).
  case daemonSet = "DaemonSet"
  /// A Job (batch/v1).
  case job = "Job"
  /// A CronJob (batch/v1).
  case cronJob = "CronJob"
  /// An EndpointSlice (discovery.k8s.io/v1).
  case endpointSlice = "EndpointSlice"

  /// The kind of a list's items from the list's kind (`PodList` → `.pod`); nil otherwise.
  public init?(listKind: String) {
    guard listKind.hasSuffix("List") else { return nil }
    self.init(rawValue: String(listKind.dropLast(4)))
  }

  /// The workload controller kind, for the kinds that are one.
  public var workloadKind: WorkloadKind? { WorkloadKind(rawValue: rawValue) }

  /// Ordered by kind name.
  public static func < (lhs: InventoryKind, rhs: InventoryKind) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}

/// The controllers that own pods.
public enum WorkloadKind: String, Sendable, Hashable, CaseIterable {
  /// A ReplicaSet (apps/v1).
  case replicaSet = "ReplicaSet"
  /// A Deployment (apps/v1).
  case deployment = "Deployment"
  /// A StatefulSet (apps/v1).
  case statefulSet = "StatefulSet"
  /// A DaemonSet (apps/v1).
  case daemonSet = "DaemonSet"
  /// A Job (batch/v1).
  case job = "Job"
  /// A CronJob (batch/v1).
  case cronJob = "CronJob"
}
