/// One end of a connection as NetworkPolicies see it: a pod (namespace, labels, addresses and
/// declared container ports, for named ports) or an address outside the pods.
public enum NetworkPolicyEndpoint: Sendable, Hashable, CustomStringConvertible {
  /// What policies need to know about a pod.
  public struct Pod: Sendable, Hashable {
    /// The namespace.
    public var namespace: String
    /// The pod's name, when known (a pod may always reach itself).
    public var name: String?
    /// The pod's labels.
    public var labels: Labels
    /// The pod's addresses (matched against `ipBlock` peers).
    public var addresses: [IPAddress]
    /// The container ports it declares; empty when unknown (named ports then match any port).
    public var ports: [ContainerPortRecord]

    /// Creates a pod description.
    public init(
      namespace: String, name: String? = nil, labels: Labels = .empty,
      addresses: [IPAddress] = [], ports: [ContainerPortRecord] = []
    ) {
      self.namespace = namespace
      self.name = name
      self.labels = labels
      self.addresses = addresses
      self.ports = ports
    }

    /// The pod as the inventory records it (its regular containers' ports).
    public init(_ record: PodRecord) {
      self.init(
        namespace: record.namespace, name: record.name, labels: record.labels,
        addresses: record.podIPs,
        ports: record.containers.filter { $0.role == .container }.flatMap(\.ports))
    }
  }

  /// A pod.
  case pod(Pod)
  /// An address that is not a pod (the internet, a node, a private network).
  case address(IPAddress)

  /// `pod shop/web-1`, `pod shop {app=web}`, `93.184.216.34`.
  public var description: String {
    switch self {
    case .pod(let pod): "pod \(pod.namespace)/\(pod.name ?? "{\(pod.labels)}")"
    case .address(let address): address.description
    }
  }
}
