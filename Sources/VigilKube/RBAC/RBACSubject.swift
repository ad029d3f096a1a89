/// Who a binding grants to: a user, a group or a service account (as `subjects[]` names them).
public struct RBACSubject: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The three kinds of RBAC subject.
  public enum Kind: String, Sendable, Hashable, Comparable, CaseIterable {
    case user = "User"
    case group = "Group"
    case serviceAccount = "ServiceAccount"

    /// Ordered user, group, service account.
    public static func < (lhs: Kind, rhs: Kind) -> Bool {
      allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
  }

  /// The kind.
  public var kind: Kind
  /// The user or group name, or the service account's name.
  public var name: String
  /// The service account's namespace; empty for users and groups.
  public var namespace: String

  /// Creates a subject. A `User` named `system:serviceaccount:<ns>:<name>` becomes that service
  /// account, as the authorizer treats them alike.
  public init(kind: Kind, name: String, namespace: String = "") {
    if kind == .user, let account = RBACSubject.serviceAccount(userName: name) {
      self = account
      return
    }
    self.kind = kind
    self.name = name
    self.namespace = kind == .serviceAccount ? namespace : ""
  }

  /// A user.
  public static func user(_ name: String) -> RBACSubject { RBACSubject(kind: .user, name: name) }
  /// A group.
  public static func group(_ name: String) -> RBACSubject { RBACSubject(kind: .group, name: name) }
  /// A service account.
  public static func serviceAccount(_ namespace: String, _ name: String) -> RBACSubject {
    RBACSubject(kind: .serviceAccount, name: name, namespace: namespace)
  }

  /// The service account a `system:serviceaccount:<ns>:<name>` user name stands for, if any.
  public static func serviceAccount(userName: String) -> RBACSubject? {
    let prefix = "system:serviceaccount:"
    guard userName.hasPrefix(prefix) else { return nil }
    let parts = userName.dropFirst(prefix.count).split(
      separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
    return .serviceAccount(String(parts[0]), String(parts[1]))
  }

  /// The name the API server authenticates this subject as (`system:serviceaccount:ci:builder`).
  public var userName: String {
    kind == .serviceAccount ? "system:serviceaccount:\(namespace):\(name)" : name
  }

  /// Groups every request of this subject carries: for a service account `system:serviceaccounts`,
  /// `system:serviceaccounts:<ns>` and `system:authenticated`; nothing known for others.
  public var impliedGroups: [RBACSubject] {
    guard kind == .serviceAccount else { return [] }
    return [
      .group("system:serviceaccounts"), .group("system:serviceaccounts:\(namespace)"),
      .group("system:authenticated"),
    ]
  }

  /// `alice`, `group system:masters`, `system:serviceaccount:ci:builder`.
  public var description: String {
    switch kind {
    case .user: name
    case .group: "group \(name)"
    case .serviceAccount: userName
    }
  }

  /// Ordered by kind, namespace, name.
  public static func < (lhs: RBACSubject, rhs: RBACSubject) -> Bool {
    (lhs.kind, lhs.namespace, lhs.name) < (rhs.kind, rhs.namespace, rhs.name)
  }
}
