/// Which way an edge of the network map runs, from the kinds of its two ends.
public enum EdgeClass: String, Sendable, Hashable, CaseIterable, Comparable {
  /// Workload to workload (or to a Service) inside the cluster.
  case eastWest = "east-west"
  /// From the cluster to the public internet (north-south).
  case egressInternet = "egress-internet"
  /// From the public internet into the cluster.
  case ingressInternet = "ingress-internet"
  /// To a node's own address.
  case toNode = "to-node"
  /// To the Kubernetes API server.
  case toAPIServer = "to-api-server"
  /// To the cloud instance-metadata endpoint.
  case toCloudMetadata = "to-cloud-metadata"
  /// Anything else: private networks, link-local, unknown pod-CIDR addresses, node to node.
  case other

  /// The class of an edge from `source` to `destination`.
  public static func of(_ source: NetworkEndpoint, _ destination: NetworkEndpoint) -> EdgeClass {
    if source.kind == .external, source.scope == .publicInternet, destination.isInCluster {
      return .ingressInternet
    }
    switch destination.kind {
    case .apiServer: return .toAPIServer
    case .cloudMetadata: return .toCloudMetadata
    case .node: return source.kind == .workload ? .toNode : .other
    case .workload, .service:
      return source.kind == .workload ? .eastWest : .other
    case .external:
      guard source.isInCluster else { return .other }
      return destination.scope == .publicInternet ? .egressInternet : .other
    }
  }

  /// Ordered by declaration.
  public static func < (lhs: EdgeClass, rhs: EdgeClass) -> Bool {
    (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
  }
}
