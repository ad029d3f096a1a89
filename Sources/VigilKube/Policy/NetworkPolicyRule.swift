/// One ingress or egress rule: traffic matches when it matches one of the peers (or the peer
/// list is empty: every peer) AND one of the ports (or the port list is empty: every port).
public struct NetworkPolicyRule: Sendable, Hashable, CustomStringConvertible {
  /// `from` (ingress) or `to` (egress); empty means every peer.
  public var peers: [NetworkPolicyPeer]
  /// `ports`; empty means every port.
  public var ports: [NetworkPolicyPort]

  /// Creates a rule.
  public init(peers: [NetworkPolicyPeer] = [], ports: [NetworkPolicyPort] = []) {
    self.peers = peers
    self.ports = ports
  }

  /// `pods app=web on TCP/5432`, `any peer on any port`.
  public var description: String {
    let who = peers.isEmpty ? "any peer" : peers.map(\.description).joined(separator: " or ")
    let what = ports.isEmpty ? "any port" : ports.map(\.description).joined(separator: ",")
    return "\(who) on \(what)"
  }
}
