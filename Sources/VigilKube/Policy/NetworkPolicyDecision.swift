/// Whether NetworkPolicies allow a connection, and why, for each of its two sides: the
/// source's egress and the destination's ingress. Both must allow it.
public struct NetworkPolicyDecision: Sendable, Hashable, CustomStringConvertible {
  /// One side's verdict.
  public enum Side: Sendable, Hashable, CustomStringConvertible {
    /// That end is not a pod (policies do not apply there).
    case notApplicable
    /// No policy of this direction selects the pod: everything is allowed.
    case notIsolated
    /// Selected, and a rule of these policies allows the connection.
    case allowed(by: [ObjectKey])
    /// Selected by these policies, and none of their rules allows it.
    case denied(isolatedBy: [ObjectKey])
    /// The pod is the connection's other end too (a pod can always reach itself).
    case samePod

    /// Whether this side lets the connection through.
    public var allows: Bool {
      if case .denied = self { return false }
      return true
    }

    /// `not isolated`, `allowed by shop/allow-web`, `denied (isolated by shop/default-deny)`.
    public var description: String {
      func names(_ keys: [ObjectKey]) -> String {
        keys.map { "\($0.namespace)/\($0.name)" }.joined(separator: ", ")
      }
      switch self {
      case .notApplicable: return "not a pod"
      case .notIsolated: return "not isolated"
      case .allowed(let keys): return "allowed by \(names(keys))"
      case .denied(let keys): return "denied (isolated by \(names(keys)))"
      case .samePod: return "same pod"
      }
    }
  }

  /// The source's egress.
  public var egress: Side
  /// The destination's ingress.
  public var ingress: Side

  /// Creates a decision.
  public init(egress: Side, ingress: Side) {
    self.egress = egress
    self.ingress = ingress
  }

  /// Whether both sides allow the connection.
  public var isAllowed: Bool { egress.allows && ingress.allows }

  /// The policies that allow it (both sides), for evidence.
  public var allowingPolicies: [ObjectKey] {
    var out: [ObjectKey] = []
    if case .allowed(let keys) = egress { out += keys }
    if case .allowed(let keys) = ingress { out += keys }
    return out
  }

  /// `egress: not isolated; ingress: allowed by shop/allow-web`.
  public var description: String { "egress: \(egress); ingress: \(ingress)" }
}
