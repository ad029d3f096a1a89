import VigilCore

/// One entry point into the cluster from outside it: a LoadBalancer, a NodePort, an Ingress rule,
/// a Gateway listener, a hostPort or hostNetwork pod, or a Service's external IPs.
public struct Exposure: Sendable, Hashable, Identifiable {
  /// The kinds of entry point.
  public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
    case loadBalancer, nodePort, ingressRule, gatewayListener, hostPort, hostNetwork, externalIP

    /// How it reads in a sentence (`LoadBalancer`, `Ingress rule`).
    public var displayName: String {
      switch self {
      case .loadBalancer: "LoadBalancer"
      case .nodePort: "NodePort"
      case .ingressRule: "Ingress rule"
      case .gatewayListener: "Gateway listener"
      case .hostPort: "hostPort"
      case .hostNetwork: "hostNetwork"
      case .externalIP: "external IPs"
      }
    }

    /// Whether the entry point is HTTP routing (Ingress, Gateway) rather than a raw port.
    public var isHTTPRouting: Bool { self == .ingressRule || self == .gatewayListener }

    /// Ordered by declaration.
    public static func < (lhs: Kind, rhs: Kind) -> Bool {
      (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
  }

  /// Which entry point of which object: the object that creates it and a key unique within it
  /// (`service`, `externalIPs`, `host:shop.example.com`, `listener:https`, `hostPort`).
  public struct ID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The object that creates the entry point.
    public var source: ObjectKey
    /// The entry point's key within that object.
    public var entry: String

    /// Creates an identifier.
    public init(source: ObjectKey, entry: String) {
      self.source = source
      self.entry = entry
    }

    /// `Service payments/db#service`.
    public var description: String { "\(source)#\(entry)" }

    /// Ordered by source, then entry.
    public static func < (lhs: ID, rhs: ID) -> Bool {
      lhs.source == rhs.source ? lhs.entry < rhs.entry : lhs.source < rhs.source
    }
  }

  /// One port reachable through the entry point and where it leads.
  public struct Port: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The port's name, when it has one.
    public var name: String?
    /// The port reached from outside (Service port, listener port, host port).
    public var port: Int
    /// `TCP`, `UDP`, `SCTP`, or a Gateway protocol (`HTTPS`).
    public var proto: String
    /// The port on the pods it leads to (a number or a named container port).
    public var targetPort: String?
    /// The node port allocated for it (NodePort and LoadBalancer Services).
    public var nodePort: Int?

    /// Creates a port.
    public init(
      name: String? = nil, port: Int, proto: String = "TCP", targetPort: String? = nil,
      nodePort: Int? = nil
    ) {
      self.name = name
      self.port = port
      self.proto = proto
      self.targetPort = targetPort
      self.nodePort = nodePort
    }

    /// `5432/TCP`.
    public var description: String { "\(port)/\(proto)" }

    /// Ordered by port, then protocol.
    public static func < (lhs: Port, rhs: Port) -> Bool {
      (lhs.port, lhs.proto) < (rhs.port, rhs.proto)
    }
  }

  /// A Gateway listener's declared address.
  public struct Listener: Sendable, Hashable {
    /// The listener's name (its `sectionName`).
    public var name: String
    /// The hostname it matches; nil matches every host.
    public var hostname: String?
    /// The port it listens on.
    public var port: Int
    /// `HTTP`, `HTTPS`, `TLS`, `TCP`, `UDP`.
    public var proto: String

    /// Creates a listener.
    public init(name: String, hostname: String?, port: Int, proto: String) {
      self.name = name
      self.hostname = hostname
      self.port = port
      self.proto = proto
    }
  }

  /// A Service the entry point sends traffic to.
  public struct Backend: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The Service.
    public var service: ObjectKey
    /// The Service port (a number or a port name); nil when not given.
    public var port: String?
    /// The host and path that lead here (`shop.example.com/api`), when routed by HTTP.
    public var path: String?
    /// The route that attaches it (an HTTPRoute), when not the source object itself.
    public var route: ObjectKey?

    /// Creates a backend.
    public init(
      service: ObjectKey, port: String? = nil, path: String? = nil, route: ObjectKey? = nil
    ) {
      self.service = service
      self.port = port
      self.path = path
      self.route = route
    }

    /// `Service shop/api:8080`.
    public var description: String { port.map { "\(service):\($0)" } ?? "\(service)" }

    /// Ordered by service, port, path.
    public static func < (lhs: Backend, rhs: Backend) -> Bool {
      if lhs.service != rhs.service { return lhs.service < rhs.service }
      return (lhs.port ?? "", lhs.path ?? "", lhs.route?.description ?? "")
        < (rhs.port ?? "", rhs.path ?? "", rhs.route?.description ?? "")
    }
  }

  /// The object and entry key.
  public var id: ID
  /// What kind of entry point.
  public var kind: Kind
  /// Addresses it is reached at: load-balancer IPs and hostnames, external IPs, the node's IP.
  public var addresses: [String]
  /// The ports it opens, with target and node ports.
  public var ports: [Port]
  /// The host an Ingress rule or Gateway listener matches (`*` for any).
  public var host: String?
  /// The HTTP paths routed (`/api`; `shop.example.com/api` for Gateway routes).
  public var paths: [String]
  /// Whether HTTP routing terminates TLS; nil for raw ports.
  public var tls: Bool?
  /// The Gateway listener, for `gatewayListener`.
  public var listener: Listener?
  /// The Services it leads to (the Service itself for Service kinds).
  public var backends: [Backend]
  /// The selector of the Service it fronts (Service kinds), for resolving to workloads.
  public var selector: [String: String]
  /// The workloads behind it, when a resolver could tell.
  public var workloads: [WorkloadReference]
  /// CIDRs a LoadBalancer accepts clients from (`loadBalancerSourceRanges`); empty means any.
  public var sourceRanges: [String]
  /// Whether a cloud annotation makes the load balancer internal (not internet-facing).
  public var isInternal: Bool
  /// How sensitive the most sensitive thing behind it is; nil when nothing is.
  public var sensitivity: Sensitivity?
  /// The field manager that created the object (`kubectl-client-side-apply`, `helm`), if known.
  public var manager: String?
  /// When Vigil first saw this entry point.
  public var firstSeen: Timestamp

  /// Creates an exposure; collections are kept sorted so equal exposures compare equal.
  public init(
    id: ID, kind: Kind, addresses: [String] = [], ports: [Port] = [], host: String? = nil,
    paths: [String] = [], tls: Bool? = nil, listener: Listener? = nil, backends: [Backend] = [],
    selector: [String: String] = [:], workloads: [WorkloadReference] = [],
    sourceRanges: [String] = [], isInternal: Bool = false, sensitivity: Sensitivity? = nil,
    manager: String? = nil, firstSeen: Timestamp
  ) {
    self.id = id
    self.kind = kind
    self.addresses = Array(Set(addresses)).sorted()
    self.ports = Array(Set(ports)).sorted()
    self.host = host
    self.paths = Array(Set(paths)).sorted()
    self.tls = tls
    self.listener = listener
    self.backends = Array(Set(backends)).sorted()
    self.selector = selector
    self.workloads = Array(Set(workloads)).sorted()
    self.sourceRanges = Array(Set(sourceRanges)).sorted()
    self.isInternal = isInternal
    self.sensitivity = sensitivity
    self.manager = manager
    self.firstSeen = firstSeen
  }

  /// The object that creates the entry point.
  public var source: ObjectKey { id.source }
}
