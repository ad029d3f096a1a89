/// One end of a flow, named the way the network map shows it: a workload, a node, the API server,
/// the cloud metadata endpoint, a Service address with no known backend, or an address outside
/// the cluster with its class and the DNS name the flow's source resolved for it.
///
/// The fields live in one immutable box whose hash is computed once, so copying an endpoint costs
/// one reference count and hashing it costs one integer: the attributor hands the same box out
/// for every flow of an address, and the map keys its tables by it.
public struct NetworkEndpoint: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// What kind of end it is.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// A pod of a workload (Deployment, StatefulSet, DaemonSet, Job, CronJob, bare Pod).
    case workload
    /// A node's own address (host network).
    case node
    /// The Kubernetes API server (the `default/kubernetes` Service and its endpoints).
    case apiServer = "api-server"
    /// The cloud instance-metadata endpoint (169.254.169.254, fd00:ec2::254).
    case cloudMetadata = "cloud-metadata"
    /// A Service address whose backend workload is not known (no or several workloads).
    case service
    /// An address outside the known cluster objects: the internet, a private network, …
    case external
  }

  /// The class of an address that no cluster object holds.
  public enum AddressScope: String, Sendable, Hashable, CaseIterable {
    /// The public internet.
    case publicInternet = "public"
    /// RFC 1918, RFC 6598 or unique-local IPv6: a private network outside the cluster.
    case privateNetwork = "private"
    /// 169.254.0.0/16, fe80::/10 (other than the metadata endpoint).
    case linkLocal = "link-local"
    /// 127.0.0.0/8, ::1.
    case loopback
    /// 224.0.0.0/4, ff00::/8.
    case multicast
    /// 0.0.0.0, ::.
    case unspecified
    /// Inside the cluster's pod range, no pod known (given up waiting for the inventory).
    case podCIDR = "pod-cidr"
    /// Inside the cluster's Service range, no Service known.
    case serviceCIDR = "service-cidr"
  }

  /// The fields, shared between copies; `hash` is computed once.
  final class Storage: Sendable {
    let kind: Kind
    let cluster: String?
    let namespace: String
    let workloadKind: String
    let name: String
    let pod: String?
    let service: String?
    let address: String?
    let scope: AddressScope?
    let dnsName: String?
    let hash: Int

    init(
      kind: Kind, cluster: String?, namespace: String, workloadKind: String, name: String,
      pod: String?, service: String?, address: String?, scope: AddressScope?, dnsName: String?
    ) {
      self.kind = kind
      self.cluster = cluster
      self.namespace = namespace
      self.workloadKind = workloadKind
      self.name = name
      self.pod = pod
      self.service = service
      self.address = address
      self.scope = scope
      self.dnsName = dnsName
      var hasher = Hasher()
      hasher.combine(kind)
      hasher.combine(cluster)
      hasher.combine(namespace)
      hasher.combine(workloadKind)
      hasher.combine(name)
      hasher.combine(pod)
      hasher.combine(service)
      hasher.combine(address)
      hasher.combine(scope)
      hasher.combine(dnsName)
      hash = hasher.finalize()
    }

    func sameFields(as other: Storage) -> Bool {
      hash == other.hash && kind == other.kind && cluster == other.cluster
        && namespace == other.namespace && workloadKind == other.workloadKind
        && name == other.name && pod == other.pod && service == other.service
        && address == other.address && scope == other.scope && dnsName == other.dnsName
    }
  }

  let storage: Storage

  init(
    _ kind: Kind, cluster: String? = nil, namespace: String = "", workloadKind: String = "",
    name: String = "", pod: String? = nil, service: String? = nil, address: String? = nil,
    scope: AddressScope? = nil, dnsName: String? = nil
  ) {
    storage = Storage(
      kind: kind, cluster: cluster, namespace: namespace, workloadKind: workloadKind, name: name,
      pod: pod, service: service, address: address, scope: scope, dnsName: dnsName)
  }

  /// A pod of a workload; `service` names the Service the flow was addressed to, when it was.
  public static func workload(
    cluster: String? = nil, namespace: String, kind: String, name: String, pod: String? = nil,
    service: String? = nil
  ) -> NetworkEndpoint {
    NetworkEndpoint(
      .workload, cluster: cluster, namespace: namespace, workloadKind: kind, name: name, pod: pod,
      service: service)
  }

  /// A node, by name, at `address`.
  public static func node(_ name: String, address: String? = nil) -> NetworkEndpoint {
    NetworkEndpoint(.node, name: name, address: address)
  }

  /// The Kubernetes API server, reached at `address`.
  public static func apiServer(address: String? = nil) -> NetworkEndpoint {
    NetworkEndpoint(.apiServer, name: "kubernetes", address: address)
  }

  /// The cloud metadata endpoint at `address`.
  public static func cloudMetadata(address: String) -> NetworkEndpoint {
    NetworkEndpoint(.cloudMetadata, name: "cloud-metadata", address: address)
  }

  /// A Service address whose backend workload is not known.
  public static func service(namespace: String, name: String, address: String? = nil)
    -> NetworkEndpoint
  {
    NetworkEndpoint(.service, namespace: namespace, name: name, address: address)
  }

  /// An address outside the cluster objects, with its class and the DNS name resolved for it.
  public static func external(address: String?, scope: AddressScope, dnsName: String? = nil)
    -> NetworkEndpoint
  {
    NetworkEndpoint(.external, address: address, scope: scope, dnsName: dnsName)
  }

  /// What kind of end it is.
  public var kind: Kind { storage.kind }
  /// The cluster's name, when Vigil watches several.
  public var cluster: String? { storage.cluster }
  /// The namespace (workloads and Services; empty otherwise).
  public var namespace: String { storage.namespace }
  /// The workload's kind (`Deployment`, …; empty for other kinds).
  public var workloadKind: String { storage.workloadKind }
  /// The workload, Service or node name (`kubernetes`, `cloud-metadata` for those two).
  public var name: String { storage.name }
  /// The pod, for workloads, when known.
  public var pod: String? { storage.pod }
  /// The Service the flow was addressed to, for workloads reached through one.
  public var service: String? { storage.service }
  /// The address (nil for map nodes that stand for a domain or a whole workload).
  public var address: String? { storage.address }
  /// The class of an external address.
  public var scope: AddressScope? { storage.scope }
  /// The DNS name the flow's source resolved for an external address.
  public var dnsName: String? { storage.dnsName }

  /// Whether it is inside the cluster: a workload, node, the API server or a Service.
  public var isInCluster: Bool {
    switch kind {
    case .workload, .node, .apiServer, .service: true
    case .cloudMetadata, .external: false
    }
  }

  /// Equal when every field is.
  public static func == (lhs: NetworkEndpoint, rhs: NetworkEndpoint) -> Bool {
    lhs.storage === rhs.storage || lhs.storage.sameFields(as: rhs.storage)
  }

  /// Hashes the hash computed once.
  public func hash(into hasher: inout Hasher) { hasher.combine(storage.hash) }

  /// Ordered by `id`.
  public static func < (lhs: NetworkEndpoint, rhs: NetworkEndpoint) -> Bool { lhs.id < rhs.id }
}
