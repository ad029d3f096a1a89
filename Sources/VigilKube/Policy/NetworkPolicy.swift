/// A networking.k8s.io/v1 NetworkPolicy: which pods of its namespace it selects, whether it
/// isolates them for ingress, egress or both, and the rules that allow traffic.
public struct NetworkPolicy: Sendable, Hashable, CustomStringConvertible {
  /// The two directions a policy can isolate.
  public enum Direction: String, Sendable, Hashable, CaseIterable {
    /// Traffic into the selected pods.
    case ingress = "Ingress"
    /// Traffic out of the selected pods.
    case egress = "Egress"
  }

  /// `NetworkPolicy namespace/name`.
  public var key: ObjectKey
  /// `spec.podSelector`: the pods of `key.namespace` it applies to (empty: all of them).
  public var podSelector: PolicyLabelSelector
  /// `spec.policyTypes`, or its default (Ingress, plus Egress when egress rules are present).
  public var directions: Set<Direction>
  /// `spec.ingress`.
  public var ingress: [NetworkPolicyRule]
  /// `spec.egress`.
  public var egress: [NetworkPolicyRule]

  /// Creates a policy; `directions` nil applies the Kubernetes default.
  public init(
    namespace: String, name: String, podSelector: PolicyLabelSelector = .everything,
    directions: Set<Direction>? = nil, ingress: [NetworkPolicyRule] = [],
    egress: [NetworkPolicyRule] = []
  ) {
    key = ObjectKey(kind: "NetworkPolicy", namespace: namespace, name: name)
    self.podSelector = podSelector
    self.directions = directions ?? (egress.isEmpty ? [.ingress] : [.ingress, .egress])
    self.ingress = ingress
    self.egress = egress
  }

  /// The policy's namespace.
  public var namespace: String { key.namespace }

  /// The rules for one direction.
  public func rules(_ direction: Direction) -> [NetworkPolicyRule] {
    direction == .ingress ? ingress : egress
  }

  /// `shop/default-deny`.
  public var description: String { "\(key.namespace)/\(key.name)" }
}
