/// One `from` (ingress) or `to` (egress) entry of a NetworkPolicy rule.
public enum NetworkPolicyPeer: Sendable, Hashable, CustomStringConvertible {
  /// `podSelector` alone: pods of the policy's own namespace.
  case pods(PolicyLabelSelector)
  /// `namespaceSelector` alone: every pod of the selected namespaces.
  case namespaces(PolicyLabelSelector)
  /// Both: the selected pods within the selected namespaces.
  case podsInNamespaces(pods: PolicyLabelSelector, namespaces: PolicyLabelSelector)
  /// `ipBlock`: addresses in a CIDR, minus exceptions.
  case ipBlock(NetworkPolicyIPBlock)

  /// `pods app=web`, `namespaces team=a`, `pods app=web in namespaces team=a`, `ipBlock …`.
  public var description: String {
    switch self {
    case .pods(let pods): "pods \(pods)"
    case .namespaces(let namespaces): "namespaces \(namespaces)"
    case .podsInNamespaces(let pods, let namespaces): "pods \(pods) in namespaces \(namespaces)"
    case .ipBlock(let block): "ipBlock \(block)"
    }
  }
}
