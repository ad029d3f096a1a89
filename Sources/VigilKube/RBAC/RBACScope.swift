/// Where a grant applies: everywhere (ClusterRoleBinding) or in one namespace (RoleBinding).
public enum RBACScope: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Cluster-wide: every namespace and cluster-scoped objects.
  case cluster
  /// One namespace.
  case namespace(String)

  /// Whether a request in `namespace` (nil for cluster-scoped or all-namespace requests) is in scope.
  public func contains(namespace requested: String?) -> Bool {
    switch self {
    case .cluster: true
    case .namespace(let own): requested == own
    }
  }

  /// Whether everything this scope reaches is reached by `other` too.
  public func isWithin(_ other: RBACScope) -> Bool {
    other == .cluster || other == self
  }

  /// `cluster`, `namespace prod`.
  public var description: String {
    switch self {
    case .cluster: "cluster"
    case .namespace(let name): "namespace \(name)"
    }
  }

  /// Cluster first, then namespaces by name.
  public static func < (lhs: RBACScope, rhs: RBACScope) -> Bool {
    switch (lhs, rhs) {
    case (.cluster, .namespace): true
    case (.namespace(let a), .namespace(let b)): a < b
    default: false
    }
  }
}
