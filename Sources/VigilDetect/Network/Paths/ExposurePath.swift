import VigilCore
import VigilKube
import VigilNet

/// One way from a public entry point of the cluster to a sensitive service: the entry point, the
/// workload behind it, the hops (workload to workload, at most three), and the sensitive end.
public struct ExposurePath: Sendable, Hashable, Identifiable {
  /// How the path is known.
  public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The entry point leads straight to the sensitive workload (no hop).
    case direct
    /// Flows were seen on every hop.
    case observed
    /// The last hop was not seen but NetworkPolicies would allow it.
    case policyAllowed = "policy-allowed"

    /// Ordered by declaration.
    public static func < (lhs: Kind, rhs: Kind) -> Bool {
      (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
  }

  /// The entry point the path starts from.
  public struct Entry: Sendable, Hashable {
    /// The entry point.
    public var id: Exposure.ID
    /// `LoadBalancer`, `NodePort`, `Ingress rule` …
    public var kind: Exposure.Kind
    /// The ports it opens (`443/TCP`).
    public var ports: [Exposure.Port]
    /// The addresses it is reached at.
    public var addresses: [String]
    /// Connections seen from public addresses into the workload behind it.
    public var publicConnections: Int

    /// Creates an entry.
    public init(
      id: Exposure.ID, kind: Exposure.Kind, ports: [Exposure.Port] = [], addresses: [String] = [],
      publicConnections: Int = 0
    ) {
      self.id = id
      self.kind = kind
      self.ports = ports
      self.addresses = addresses
      self.publicConnections = publicConnections
    }

    /// `LoadBalancer shop/web :443`.
    public var label: String {
      let object =
        id.source.namespace.isEmpty
        ? id.source.name : "\(id.source.namespace)/\(id.source.name)"
      let ports = ports.map { String($0.port) }.joined(separator: ",")
      return ports.isEmpty
        ? "\(kind.displayName) \(object)" : "\(kind.displayName) \(object) :\(ports)"
    }
  }

  /// The entry point.
  public var entry: Entry
  /// The map node id of the workload behind the entry point.
  public var start: String
  /// How that workload reads (`shop/deploy/frontend`).
  public var startLabel: String
  /// The hops, in order; empty for a direct path.
  public var hops: [ExposurePathHop]
  /// How sensitive the end is.
  public var sensitivity: EndpointMarks.Sensitivity
  /// How the path is known.
  public var kind: Kind

  /// Creates a path.
  public init(
    entry: Entry, start: String, startLabel: String, hops: [ExposurePathHop],
    sensitivity: EndpointMarks.Sensitivity, kind: Kind
  ) {
    self.entry = entry
    self.start = start
    self.startLabel = startLabel
    self.hops = hops
    self.sensitivity = sensitivity
    self.kind = kind
  }

  /// The map node id of the sensitive end.
  public var target: String { hops.last?.to ?? start }
  /// How the sensitive end reads.
  public var targetLabel: String { hops.last?.toLabel ?? startLabel }

  /// Entry point, then every node id: the same path always has the same id.
  public var id: String {
    ([entry.id.description, start] + hops.map(\.to)).joined(separator: " > ")
  }

  /// The smallest connection count over the observed hops (how often the whole way was used,
  /// at most); 0 when none was observed.
  public var connections: Int { hops.compactMap(\.observed?.connections).min() ?? 0 }

  /// The earliest first-seen over the observed hops.
  public var firstSeen: Timestamp? { hops.compactMap(\.observed?.firstSeen).min() }

  /// The time the whole way was first complete: the latest first-seen over observed hops.
  public var completedAt: Timestamp? { hops.compactMap(\.observed?.firstSeen).max() }

  /// The latest last-seen over the observed hops.
  public var lastSeen: Timestamp? { hops.compactMap(\.observed?.lastSeen).max() }
}
