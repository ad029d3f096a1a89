/// How a subject holds a permission: the binding, the role it references, and, when the rule came
/// through aggregation or a group the subject is in, where from.
public struct RBACGrantPath: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The RoleBinding or ClusterRoleBinding.
  public var binding: ObjectKey
  /// The role the binding references.
  public var role: ObjectKey
  /// The labelled ClusterRole whose rule an aggregated `role` took in; nil when the rule is the role's own.
  public var aggregatedFrom: ObjectKey?
  /// The group through which the subject holds it (`system:serviceaccounts:ci`); nil when bound directly.
  public var viaGroup: RBACSubject?

  /// Creates a path.
  public init(
    binding: ObjectKey, role: ObjectKey, aggregatedFrom: ObjectKey? = nil,
    viaGroup: RBACSubject? = nil
  ) {
    self.binding = binding
    self.role = role
    self.aggregatedFrom = aggregatedFrom
    self.viaGroup = viaGroup
  }

  /// `ClusterRoleBinding ci-admin → ClusterRole cluster-admin`, with `← ClusterRole view` for
  /// aggregation and a `group x: ` prefix when held through a group.
  public var description: String {
    var text = "\(binding) → \(role)"
    if let aggregatedFrom { text += " ← \(aggregatedFrom)" }
    if let viaGroup { text = "\(viaGroup): " + text }
    return text
  }

  /// Ordered by binding, role, origin.
  public static func < (lhs: RBACGrantPath, rhs: RBACGrantPath) -> Bool {
    if lhs.binding != rhs.binding { return lhs.binding < rhs.binding }
    if lhs.role != rhs.role { return lhs.role < rhs.role }
    if lhs.aggregatedFrom != rhs.aggregatedFrom {
      guard let a = lhs.aggregatedFrom else { return true }
      guard let b = rhs.aggregatedFrom else { return false }
      return a < b
    }
    return (lhs.viaGroup?.name ?? "") < (rhs.viaGroup?.name ?? "")
  }
}

/// One effective permission of one subject, with the path that grants it.
public struct RBACGrant: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Who holds it.
  public var subject: RBACSubject
  /// What it allows.
  public var permission: RBACPermission
  /// Through which binding and role.
  public var path: RBACGrantPath

  /// Creates a grant.
  public init(subject: RBACSubject, permission: RBACPermission, path: RBACGrantPath) {
    self.subject = subject
    self.permission = permission
    self.path = path
  }

  /// `alice: get secrets in namespace prod (via RoleBinding prod/r → Role prod/secret-reader)`.
  public var description: String { "\(subject): \(permission) (via \(path))" }

  /// Ordered by subject, permission, path.
  public static func < (lhs: RBACGrant, rhs: RBACGrant) -> Bool {
    if lhs.subject != rhs.subject { return lhs.subject < rhs.subject }
    if lhs.permission != rhs.permission { return lhs.permission < rhs.permission }
    return lhs.path < rhs.path
  }
}
