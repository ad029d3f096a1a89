/// One verb on one target in one scope: the unit of effective permissions. Wildcards (`*`) are
/// kept as written, not expanded.
public struct RBACPermission: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// What a verb applies to.
  public enum Target: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// An API resource (`pods/exec` with its subresource) in a group, optionally one named object.
    case resource(group: String, resource: String, name: String?)
    /// A non-resource URL path (`/metrics`, `/healthz/*`, `*`).
    case nonResourceURL(String)

    /// kubectl's spelling: `secrets`, `deployments.apps`, `*.*`, `secrets "db"`, `/metrics`.
    public var description: String {
      switch self {
      case .resource(let group, let resource, let name):
        let base = group.isEmpty ? resource : "\(resource).\(group)"
        return name.map { "\(base) \"\($0)\"" } ?? base
      case .nonResourceURL(let url): return url
      }
    }

    /// Whether any part is a `*` wildcard.
    public var hasWildcard: Bool {
      switch self {
      case .resource(let group, let resource, _): group == "*" || resource.contains("*")
      case .nonResourceURL(let url): url.hasSuffix("*")
      }
    }

    /// Ordered by kind, then text.
    public static func < (lhs: Target, rhs: Target) -> Bool {
      switch (lhs, rhs) {
      case (.resource(let g1, let r1, let n1), .resource(let g2, let r2, let n2)):
        (g1, r1, n1 ?? "") < (g2, r2, n2 ?? "")
      case (.resource, .nonResourceURL): true
      case (.nonResourceURL(let a), .nonResourceURL(let b)): a < b
      default: false
      }
    }
  }

  /// The verb (`get`, `*`).
  public var verb: String
  /// What it applies to.
  public var target: Target
  /// Where.
  public var scope: RBACScope

  /// Creates a permission.
  public init(verb: String, target: Target, scope: RBACScope) {
    self.verb = verb
    self.target = target
    self.scope = scope
  }

  /// Whether verb or target is a wildcard.
  public var hasWildcard: Bool { verb == "*" || target.hasWildcard }

  /// `get secrets in namespace prod`.
  public var description: String { "\(verb) \(target) in \(scope)" }

  /// Ordered by scope, target, verb.
  public static func < (lhs: RBACPermission, rhs: RBACPermission) -> Bool {
    if lhs.scope != rhs.scope { return lhs.scope < rhs.scope }
    if lhs.target != rhs.target { return lhs.target < rhs.target }
    return lhs.verb < rhs.verb
  }
}
