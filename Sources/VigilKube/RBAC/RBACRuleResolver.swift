/// A rule of a role with the labelled ClusterRole it came from when aggregated.
struct RBACResolvedRule {
  var rule: RBACPolicyRule
  var origin: ObjectKey?
}

/// Resolves each role's effective rules, aggregation included, caching within one query.
struct RBACRuleResolver {
  let roles: [ObjectKey: RBACRole]
  private var cache: [ObjectKey: [RBACResolvedRule]] = [:]

  init(roles: [ObjectKey: RBACRole]) { self.roles = roles }

  /// The rules `key` grants: its own, or for an aggregated ClusterRole the union of the rules of
  /// every ClusterRole its selectors match (transitively, cycle-safe). An aggregated role whose
  /// selectors match no known ClusterRole keeps its stored rules (a partial import).
  mutating func rules(of key: ObjectKey) -> [RBACResolvedRule] {
    var visiting: Set<ObjectKey> = []
    return rules(of: key, visiting: &visiting)
  }

  private mutating func rules(of key: ObjectKey, visiting: inout Set<ObjectKey>)
    -> [RBACResolvedRule]
  {
    if let cached = cache[key] { return cached }
    guard let role = roles[key] else { return [] }
    guard let selectors = role.aggregationSelectors, key.kind == "ClusterRole" else {
      return role.rules.map { RBACResolvedRule(rule: $0, origin: nil) }
    }
    let sources = roles.values
      .filter { other in
        other.key.kind == "ClusterRole" && other.key != key
          && selectors.contains { $0.matches(other.labels) }
      }
      .map(\.key).sorted()
    guard !sources.isEmpty else {
      return role.rules.map { RBACResolvedRule(rule: $0, origin: nil) }
    }
    visiting.insert(key)
    var result: [RBACResolvedRule] = []
    for source in sources where !visiting.contains(source) {
      for resolved in rules(of: source, visiting: &visiting) {
        result.append(RBACResolvedRule(rule: resolved.rule, origin: resolved.origin ?? source))
      }
    }
    visiting.remove(key)
    cache[key] = result
    return result
  }
}
