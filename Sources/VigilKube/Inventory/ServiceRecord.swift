/// The parts of a Service that Vigil uses.
public struct ServiceRecord: Sendable, Hashable {
  /// Namespace, name, uid, labels, owners, times.
  public var metadata: ObjectMetadata
  /// `spec.type` (`ClusterIP`, `NodePort`, `LoadBalancer`, `ExternalName`).
  public var type: String
  /// `spec.clusterIPs` (or `spec.clusterIP`), parsed; empty for headless services.
  public var clusterIPs: [IPAddress]
  /// `spec.externalIPs`.
  public var externalIPs: [IPAddress]
  /// `status.loadBalancer.ingress[].ip`.
  public var loadBalancerIPs: [IPAddress]
  /// `status.loadBalancer.ingress[].hostname`.
  public var loadBalancerHostnames: [String]
  /// `spec.externalName` for ExternalName services.
  public var externalName: String
  /// `spec.ports`.
  public var ports: [ServicePortRecord]
  /// `spec.selector`.
  public var selector: Labels
  /// Annotations that change exposure (load-balancer scheme, internal/external), see
  /// `ServiceRecord.keepsAnnotation(_:)`.
  public var annotations: Labels

  /// Creates a record.
  public init(
    metadata: ObjectMetadata, type: String = "ClusterIP", clusterIPs: [IPAddress] = [],
    externalIPs: [IPAddress] = [], loadBalancerIPs: [IPAddress] = [],
    loadBalancerHostnames: [String] = [], externalName: String = "",
    ports: [ServicePortRecord] = [], selector: Labels = .empty, annotations: Labels = .empty
  ) {
    self.metadata = metadata
    self.type = type
    self.clusterIPs = clusterIPs
    self.externalIPs = externalIPs
    self.loadBalancerIPs = loadBalancerIPs
    self.loadBalancerHostnames = loadBalancerHostnames
    self.externalName = externalName
    self.ports = ports
    self.selector = selector
    self.annotations = annotations
  }

  /// The namespace.
  public var namespace: String { metadata.namespace }
  /// The name.
  public var name: String { metadata.name }

  /// Whether an annotation is kept: the load-balancer and exposure ones (AWS, GCP, Azure,
  /// MetalLB, external-dns), never `kubectl.kubernetes.io/last-applied-configuration`.
  public static func keepsAnnotation(_ key: String) -> Bool {
    key.contains("load-balancer") || key.contains("loadbalancer") || key.contains("metallb")
      || key.hasPrefix("external-dns") || key.hasPrefix("cloud.google.com/")
      || key.hasPrefix("networking.gke.io/")
  }
}

/// One `spec.ports` entry of a Service.
public struct ServicePortRecord: Sendable, Hashable {
  /// The port name.
  public var name: String
  /// `TCP`, `UDP` or `SCTP`.
  public var `protocol`: String
  /// `port`.
  public var port: Int32
  /// `nodePort`, 0 when none.
  public var nodePort: Int32
  /// `targetPort` as written: a number or a container port name.
  public var targetPort: String

  /// Creates a port.
  public init(
    name: String = "", protocol: String = "TCP", port: Int32, nodePort: Int32 = 0,
    targetPort: String = ""
  ) {
    self.name = name
    self.protocol = `protocol`
    self.port = port
    self.nodePort = nodePort
    self.targetPort = targetPort
  }
}
