import VigilCore

/// A change in one subject's effective permissions: verbs on one target in one scope that it
/// gained or lost through one binding path, with how much it matters and why.
public struct RBACChange: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Gained or lost.
  public enum Kind: String, Sendable, Hashable, Comparable {
    case granted
    case revoked

    /// Grants first.
    public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs == .granted && rhs == .revoked }
  }

  /// Whose permissions changed.
  public var subject: RBACSubject
  /// Gained or lost.
  public var kind: Kind
  /// The verbs, sorted.
  public var verbs: [String]
  /// What they apply to.
  public var target: RBACPermission.Target
  /// Where.
  public var scope: RBACScope
  /// The binding path that grants (or granted) them.
  public var path: RBACGrantPath
  /// Critical for dangerous grants (secrets, exec, impersonation, wildcards …), error for other
  /// cluster-wide grants, notice for other grants, informational for revocations.
  public var severity: Severity
  /// Why the severity is what it is (`reads Secrets`, `cluster-wide`); empty for plain grants.
  public var reasons: [String]

  /// Creates a change, assessing severity and reasons.
  public init(
    subject: RBACSubject, kind: Kind, verbs: [String], target: RBACPermission.Target,
    scope: RBACScope,
    path: RBACGrantPath
  ) {
    self.subject = subject
    self.kind = kind
    self.verbs = verbs.sorted()
    self.target = target
    self.scope = scope
    self.path = path
    let risks = RBACRisk.assess(verbs: verbs, target: target)
    var reasons = risks
    if scope == .cluster { reasons.append("cluster-wide") }
    self.reasons = reasons
    switch kind {
    case .revoked: severity = .informational
    case .granted where !risks.isEmpty: severity = .critical
    case .granted where scope == .cluster: severity = .error
    case .granted: severity = .notice
    }
  }

  /// `+ system:serviceaccount:ci:builder can now get,list secrets in all namespaces (via
  /// ClusterRoleBinding ci-admin → ClusterRole cluster-admin)`.
  public var description: String {
    let sign = kind == .granted ? "+" : "-"
    let phrase = kind == .granted ? "can now" : "can no longer"
    return "\(sign) \(subject) \(phrase) \(verbs.joined(separator: ",")) \(target) "
      + "\(RBACRisk.scopeText(scope, target: target)) (via \(path))"
  }

  /// Ordered by subject, kind, scope, target, path.
  public static func < (lhs: RBACChange, rhs: RBACChange) -> Bool {
    if lhs.subject != rhs.subject { return lhs.subject < rhs.subject }
    if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
    if lhs.scope != rhs.scope { return lhs.scope < rhs.scope }
    if lhs.target != rhs.target { return lhs.target < rhs.target }
    return lhs.path < rhs.path
  }
}
