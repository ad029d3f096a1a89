/// One entry of a Role's or ClusterRole's `rules`.
public struct RBACPolicyRule: Sendable, Hashable {
  /// Verbs (`get`, `list`, `*`).
  public var verbs: [String]
  /// API groups (`""` for the core group, `apps`, `*`).
  public var apiGroups: [String]
  /// Resources, with subresources as `pods/exec`; `*` and `*/scale` are wildcards.
  public var resources: [String]
  /// Object names the rule is limited to; empty means any.
  public var resourceNames: [String]
  /// Non-resource URL paths (`/metrics`, `/healthz/*`); only meaningful in ClusterRoles.
  public var nonResourceURLs: [String]

  /// Creates a rule.
  public init(
    verbs: [String], apiGroups: [String] = [], resources: [String] = [],
    resourceNames: [String] = [], nonResourceURLs: [String] = []
  ) {
    self.verbs = verbs
    self.apiGroups = apiGroups
    self.resources = resources
    self.resourceNames = resourceNames
    self.nonResourceURLs = nonResourceURLs
  }

  /// The permissions this rule grants in `scope`, one per verb × group × resource × name (or URL).
  public func permissions(in scope: RBACScope) -> [RBACPermission] {
    var result: [RBACPermission] = []
    for verb in verbs {
      for group in apiGroups {
        for resource in resources {
          if resourceNames.isEmpty {
            result.append(
              RBACPermission(
                verb: verb, target: .resource(group: group, resource: resource, name: nil),
                scope: scope))
          } else {
            for name in resourceNames {
              result.append(
                RBACPermission(
                  verb: verb, target: .resource(group: group, resource: resource, name: name),
                  scope: scope))
            }
          }
        }
      }
      // Non-resource URLs are only honoured cluster-wide (ClusterRoleBinding).
      if scope == .cluster {
        for url in nonResourceURLs {
          result.append(RBACPermission(verb: verb, target: .nonResourceURL(url), scope: scope))
        }
      }
    }
    return result
  }
}
