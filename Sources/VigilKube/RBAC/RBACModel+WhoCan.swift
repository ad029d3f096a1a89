/// One answer to "who can do this?": a subject and the binding path that allows it.
public struct RBACWhoCanAnswer: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The subject as bound (a group stands for all its members).
  public var subject: RBACSubject
  /// The binding, role and aggregation source that allow it.
  public var path: RBACGrantPath
  /// Where the binding applies.
  public var scope: RBACScope
  /// The rule that matched.
  public var rule: RBACPolicyRule

  /// Creates an answer.
  public init(subject: RBACSubject, path: RBACGrantPath, scope: RBACScope, rule: RBACPolicyRule) {
    self.subject = subject
    self.path = path
    self.scope = scope
    self.rule = rule
  }

  /// `group system:masters via ClusterRoleBinding cluster-admin → ClusterRole cluster-admin`.
  public var description: String { "\(subject) via \(path)" }

  /// Ordered by subject, then path.
  public static func < (lhs: RBACWhoCanAnswer, rhs: RBACWhoCanAnswer) -> Bool {
    lhs.subject != rhs.subject ? lhs.subject < rhs.subject : lhs.path < rhs.path
  }
}

/// Who-can queries: `kubectl auth can-i` reversed.
extension RBACModel {
  /// Every subject allowed `verb` on `apiGroup`/`resource`(/`subresource`), for the object `name`
  /// in `namespace` (nil: cluster-scoped or across all namespaces), one answer per binding path.
  public func whoCan(
    verb: String, resource: String, apiGroup: String = "", subresource: String? = nil,
    namespace: String? = nil, name: String? = nil
  ) -> [RBACWhoCanAnswer] {
    answers(namespace: namespace) {
      $0.allows(
        verb: verb, group: apiGroup, resource: resource, subresource: subresource, name: name)
    }
  }

  /// Every subject allowed `verb` on the non-resource URL `path` (`/metrics`).
  public func whoCan(verb: String, nonResourceURL path: String) -> [RBACWhoCanAnswer] {
    answers(namespace: nil, clusterBindingsOnly: true) {
      $0.allows(verb: verb, nonResourceURL: path)
    }
  }

  private func answers(
    namespace: String?, clusterBindingsOnly: Bool = false, _ matches: (RBACPolicyRule) -> Bool
  ) -> [RBACWhoCanAnswer] {
    var resolver = RBACRuleResolver(roles: roles)
    var result: Set<RBACWhoCanAnswer> = []
    for binding in bindings.values where binding.scope.contains(namespace: namespace) {
      if clusterBindingsOnly && binding.scope != .cluster { continue }
      guard let resolved = resolver.rules(of: binding.roleRef).first(where: { matches($0.rule) })
      else {
        continue
      }
      let path = RBACGrantPath(
        binding: binding.key, role: binding.roleRef, aggregatedFrom: resolved.origin)
      for subject in binding.subjects {
        result.insert(
          RBACWhoCanAnswer(subject: subject, path: path, scope: binding.scope, rule: resolved.rule))
      }
    }
    return result.sorted()
  }
}
