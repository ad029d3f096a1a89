/// Computing changes from grants before and after.
extension RBACChange {
  /// The changes between two models, over every subject either one binds.
  public static func diff(before: RBACModel, after: RBACModel) -> [RBACChange] {
    changes(before: before.effectivePermissions(), after: after.effectivePermissions())
  }

  /// The changes between grant sets keyed by subject. A permission counts as gained only when
  /// nothing held before covers it (a new `get secrets` next to an old `* *` is no change), and
  /// as lost only when nothing left covers it. Verbs sharing target, scope and path are grouped.
  public static func changes(
    before: [RBACSubject: [RBACGrant]], after: [RBACSubject: [RBACGrant]]
  ) -> [RBACChange] {
    var result: [RBACChange] = []
    for subject in Set(before.keys).union(after.keys) {
      let old = before[subject] ?? []
      let new = after[subject] ?? []
      result += grouped(subject, .granted, uncovered(new, by: old))
      result += grouped(subject, .revoked, uncovered(old, by: new))
    }
    return result.sorted()
  }

  /// The grants in `grants` whose permission nothing in `others` covers, one path per permission.
  private static func uncovered(_ grants: [RBACGrant], by others: [RBACGrant]) -> [RBACGrant] {
    let otherPermissions = Set(others.map(\.permission))
    var covered: Set<RBACPermission> = []
    // The first path in order stands for a permission held through several.
    var chosen: [RBACPermission: RBACGrant] = [:]
    for grant in grants where !otherPermissions.contains(grant.permission) {
      if let existing = chosen[grant.permission] {
        if grant.path < existing.path { chosen[grant.permission] = grant }
        continue
      }
      if covered.contains(grant.permission) { continue }
      if grant.permission.coveringCandidates.contains(where: otherPermissions.contains) {
        covered.insert(grant.permission)
        continue
      }
      chosen[grant.permission] = grant
    }
    return Array(chosen.values)
  }

  private static func grouped(_ subject: RBACSubject, _ kind: Kind, _ grants: [RBACGrant])
    -> [RBACChange]
  {
    struct Key: Hashable {
      var target: RBACPermission.Target
      var scope: RBACScope
      var path: RBACGrantPath
    }
    var verbs: [Key: [String]] = [:]
    for grant in grants {
      verbs[
        Key(target: grant.permission.target, scope: grant.permission.scope, path: grant.path),
        default: []
      ]
      .append(grant.permission.verb)
    }
    return verbs.map { key, verbs in
      RBACChange(
        subject: subject, kind: kind, verbs: verbs, target: key.target, scope: key.scope,
        path: key.path)
    }
  }
}
