import VigilNet

/// Sources that probe many peers by design and are not scanners: nodes (kubelet health checks),
/// the API server (webhooks, aggregated APIs), and allow-listed namespaces and workloads such as
/// service meshes and monitoring.
public struct ScanExemptions: Sendable, Hashable {
  /// Namespaces allow-listed by default: service-mesh control planes and monitoring stacks.
  public static let defaultNamespaces: Set<String> = [
    "istio-system", "linkerd", "linkerd-viz", "monitoring", "prometheus",
  ]

  /// Node sources (kubelet probes, host-network agents) are exempt.
  public var nodes: Bool
  /// The API server as a source is exempt.
  public var apiServer: Bool
  /// Workloads in these namespaces are exempt.
  public var namespaces: Set<String>
  /// These workloads (`namespace/name`) are exempt.
  public var workloads: Set<String>

  /// Creates exemptions (defaults: nodes, the API server and ``defaultNamespaces``).
  public init(
    nodes: Bool = true, apiServer: Bool = true, namespaces: Set<String> = defaultNamespaces,
    workloads: Set<String> = []
  ) {
    self.nodes = nodes
    self.apiServer = apiServer
    self.namespaces = namespaces
    self.workloads = workloads
  }

  /// Whether flows from `source` are never treated as scanning or lateral movement.
  public func exempts(_ source: NetworkEndpoint) -> Bool {
    switch source.kind {
    case .node: return nodes
    case .apiServer: return apiServer
    case .workload:
      if namespaces.contains(source.namespace) { return true }
      return !workloads.isEmpty && workloads.contains("\(source.namespace)/\(source.name)")
    case .service, .cloudMetadata, .external: return false
    }
  }
}
