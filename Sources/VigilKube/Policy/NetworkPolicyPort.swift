/// One `ports` entry of a NetworkPolicy rule: a protocol and a port, a port range or a named
/// container port (or every port of the protocol when no port is given).
public struct NetworkPolicyPort: Sendable, Hashable, CustomStringConvertible {
  /// Which ports.
  public enum Ports: Sendable, Hashable {
    /// Every port of the protocol.
    case any
    /// `port` through `endPort` (a single port when equal).
    case range(Int, Int)
    /// A named container port of the destination pod.
    case named(String)
  }

  /// `TCP`, `UDP` or `SCTP` (`TCP` when not given).
  public var proto: String
  /// Which ports.
  public var ports: Ports

  /// Creates a port entry.
  public init(proto: String = "TCP", ports: Ports = .any) {
    self.proto = proto
    self.ports = ports
  }

  /// `TCP/5432`, `TCP/32000-32768`, `TCP/metrics`, `UDP/*`.
  public var description: String {
    switch ports {
    case .any: "\(proto)/*"
    case .range(let low, let high): low == high ? "\(proto)/\(low)" : "\(proto)/\(low)-\(high)"
    case .named(let name): "\(proto)/\(name)"
    }
  }
}
