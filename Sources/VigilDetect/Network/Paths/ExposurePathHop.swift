import VigilCore
import VigilKube
import VigilNet

/// One hop of an exposure path, from one map node to the next, with what backs it: flows seen
/// (ports, connections, bytes, first and last seen), or the NetworkPolicy decision that would
/// let it through though no flow was seen.
public struct ExposurePathHop: Sendable, Hashable {
  /// What backs the hop.
  public enum Evidence: Sendable, Hashable {
    /// Flows were seen on these edges.
    case observed(Observed)
    /// No flow was seen; the policies would allow it on `port`/`proto`.
    case policyAllowed(port: Int, proto: String, decision: NetworkPolicyDecision)
  }

  /// The flows seen on a hop, all ports together.
  public struct Observed: Sendable, Hashable {
    /// `8080/tcp` for each port seen.
    public var ports: [String]
    /// Connections counted.
    public var connections: Int
    /// Bytes from → to.
    public var bytesOut: UInt64
    /// Bytes to → from.
    public var bytesIn: UInt64
    /// The earliest flow start.
    public var firstSeen: Timestamp
    /// The latest flow end.
    public var lastSeen: Timestamp

    /// Creates observed evidence.
    public init(
      ports: [String], connections: Int, bytesOut: UInt64 = 0, bytesIn: UInt64 = 0,
      firstSeen: Timestamp, lastSeen: Timestamp
    ) {
      self.ports = ports
      self.connections = connections
      self.bytesOut = bytesOut
      self.bytesIn = bytesIn
      self.firstSeen = firstSeen
      self.lastSeen = lastSeen
    }
  }

  /// The map node id the hop starts at.
  public var from: String
  /// The map node id it reaches.
  public var to: String
  /// How the reached node reads (`shop/deploy/api`).
  public var toLabel: String
  /// What backs it.
  public var evidence: Evidence

  /// Creates a hop.
  public init(from: String, to: String, toLabel: String, evidence: Evidence) {
    self.from = from
    self.to = to
    self.toLabel = toLabel
    self.evidence = evidence
  }

  /// Whether flows were seen on it.
  public var isObserved: Bool {
    if case .observed = evidence { return true }
    return false
  }

  /// The observed evidence, when flows were seen.
  public var observed: Observed? {
    if case .observed(let observed) = evidence { return observed }
    return nil
  }

  /// `:8080`, `:8080,9090`, or `:6379 (policy-allowed)`.
  public var portText: String {
    switch evidence {
    case .observed(let observed):
      ":" + observed.ports.map { String($0.prefix { $0 != "/" }) }.joined(separator: ",")
    case .policyAllowed(let port, _, _): ":\(port) (policy-allowed)"
    }
  }
}
