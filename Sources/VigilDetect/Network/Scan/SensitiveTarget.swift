import VigilNet

/// Cluster endpoints a pod has almost never a reason to reach, by what the flow's destination is.
public enum SensitiveTarget: String, Sendable, Hashable, CaseIterable {
  /// A kubelet's API (10250, read-only 10255) on a node.
  case kubelet
  /// etcd's client or peer port (2379, 2380).
  case etcd
  /// The cloud instance-metadata endpoint (169.254.169.254, fd00:ec2::254).
  case cloudMetadata = "cloud-metadata"
  /// The Kubernetes API server.
  case apiServer = "api-server"

  /// What `flow`'s destination is, or nil when it is none of these.
  static func classify(
    _ flow: AttributedFlow, kubeletPorts: Set<UInt16>, etcdPorts: Set<UInt16>
  ) -> SensitiveTarget? {
    let destination = flow.destination
    let port = flow.flow.destinationPort
    switch destination.kind {
    case .cloudMetadata: return .cloudMetadata
    case .apiServer: return .apiServer
    case .node:
      if kubeletPorts.contains(port) { return .kubelet }
      return etcdPorts.contains(port) ? .etcd : nil
    case .workload, .service:
      // A workload may serve 10250 itself (metrics-server); etcd's ports are etcd's.
      return etcdPorts.contains(port) ? .etcd : nil
    case .external:
      guard destination.scope != .publicInternet else { return nil }
      if kubeletPorts.contains(port) { return .kubelet }
      return etcdPorts.contains(port) ? .etcd : nil
    }
  }

  /// The alert's ATT&CK tags and controls.
  var tags: [String] { self == .cloudMetadata ? ScanTags.metadata : ScanTags.lateralMovement }

  /// How it reads in an alert.
  var title: String {
    switch self {
    case .kubelet: "a kubelet API"
    case .etcd: "etcd"
    case .cloudMetadata: "the cloud metadata endpoint"
    case .apiServer: "the Kubernetes API server"
    }
  }
}
