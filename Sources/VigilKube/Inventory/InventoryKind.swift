/// The object kinds the inventory keeps.
public enum InventoryKind: String, Sendable, Hashable, CaseIterable, Comparable {
  case pod = "Pod"
  case service = "Service"
  case node = "Node"
  case namespace = "Namespace"
  case replicaSet = "ReplicaSet"
  case deployment = "Deployment"
  case statefulSet = "StatefulSet"
  case daemonSet = "DaemonSet"
  case job = "Job"
  case cronJob = "CronJob"
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
  case replicaSet = "ReplicaSet"
  case deployment = "Deployment"
  case statefulSet = "StatefulSet"
  case daemonSet = "DaemonSet"
  case job = "Job"
  case cronJob = "CronJob"
}
