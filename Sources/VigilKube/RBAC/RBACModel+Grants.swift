/// Effective permissions.
extension RBACModel {
  /// Every subject named by a binding, in order.
  public var subjects: [RBACSubject] {
    Set(bindings.values.flatMap(\.subjects)).sorted()
  }

  /// The grants of every subject, as bound (group members are not expanded).
  public func effectivePermissions() -> [RBACSubject: [RBACGrant]] {
    grants(of: Set(bindings.values.flatMap(\.subjects)))
  }

  /// The grants bound to `subject` directly and, with `includingGroups`, through the groups it is
  /// known to be in (a service account's `system:serviceaccounts[:<ns>]`, `system:authenticated`).
  public func permissions(for subject: RBACSubject, includingGroups: Bool = true) -> [RBACGrant] {
    let groups = includingGroups ? subject.impliedGroups : []
    return permissions(for: subject, groups: groups)
  }

  /// The grants of an authenticated identity: its user name (service-account names resolve) and
  /// its groups, as an audit event's `user` carries them.
  public func permissions(forUser userName: String, groups: [String]) -> [RBACGrant] {
    permissions(
      for: RBACSubject(kind: .user, name: userName), groups: groups.map(RBACSubject.group))
  }

  private func permissions(for subject: RBACSubject, groups: [RBACSubject]) -> [RBACGrant] {
    var resolver = RBACRuleResolver(roles: roles)
    var result = grants(of: subject, resolver: &resolver)
    for group in Set(groups) where group != subject {
      for var grant in grants(of: group, resolver: &resolver) {
        grant.path.viaGroup = group
        grant.subject = subject
        result.append(grant)
      }
    }
    return result.sorted()
  }

  /// The grants of each subject in `subjects` (an entry for each, possibly empty).
  func grants(of subjects: Set<RBACSubject>) -> [RBACSubject: [RBACGrant]] {
    var resolver = RBACRuleResolver(roles: roles)
    var result: [RBACSubject: [RBACGrant]] = [:]
    for subject in subjects { result[subject] = grants(of: subject, resolver: &resolver) }
    return result
  }

  private func grants(of subject: RBACSubject, resolver: inout RBACRuleResolver) -> [RBACGrant] {
    var result: [RBACGrant] = []
    for bindingKey in (bindingsBySubject[subject] ?? []).sorted() {
      guard let binding = bindings[bindingKey] else { continue }
      for resolved in resolver.rules(of: binding.roleRef) {
        let path = RBACGrantPath(
          binding: binding.key, role: binding.roleRef, aggregatedFrom: resolved.origin)
        for permission in resolved.rule.permissions(in: binding.scope) {
          result.append(RBACGrant(subject: subject, permission: permission, path: path))
        }
      }
    }
    return result
  }
}
