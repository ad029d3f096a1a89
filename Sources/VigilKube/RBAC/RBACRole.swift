import VigilJSON

/// A Role or ClusterRole: its rules, labels, and (ClusterRoles only) its aggregation selectors.
public struct RBACRole: Sendable, Hashable {
  /// `Role prod/secret-reader` or `ClusterRole admin`.
  public var key: ObjectKey
  /// `metadata.labels`.
  public var labels: [String: String]
  /// `rules`, as stored (for an aggregated ClusterRole, what the controller last wrote).
  public var rules: [RBACPolicyRule]
  /// `aggregationRule.clusterRoleSelectors`; nil when the role is not aggregated.
  public var aggregationSelectors: [RBACAggregationSelector]?

  /// Creates a role.
  public init(
    key: ObjectKey, labels: [String: String] = [:], rules: [RBACPolicyRule],
    aggregationSelectors: [RBACAggregationSelector]? = nil
  ) {
    self.key = key
    self.labels = labels
    self.rules = rules
    self.aggregationSelectors = aggregationSelectors
  }

  /// Reads a Role (`kind == "Role"`) or ClusterRole from its API JSON.
  public init(json: JSONValue, kind: String) throws(RBACDecodeError) {
    let metadata = try RBACMetadata(json: json, namespaced: kind == "Role", kind: kind)
    key = ObjectKey(kind: kind, namespace: metadata.namespace, name: metadata.name)
    labels = metadata.labels
    rules = (json["rules"]?.elements ?? []).map { rule in
      RBACPolicyRule(
        verbs: rule["verbs"].rbacStrings, apiGroups: rule["apiGroups"].rbacStrings,
        resources: rule["resources"].rbacStrings, resourceNames: rule["resourceNames"].rbacStrings,
        nonResourceURLs: rule["nonResourceURLs"].rbacStrings)
    }
    if kind == "ClusterRole", let aggregation = json["aggregationRule"], aggregation.kind == .object
    {
      aggregationSelectors = (aggregation["clusterRoleSelectors"]?.elements ?? []).map { selector in
        RBACAggregationSelector(
          matchLabels: selector["matchLabels"].rbacStringMap,
          matchExpressions: (selector["matchExpressions"]?.elements ?? []).map {
            .init(
              key: $0["key"]?.string ?? "", operation: $0["operator"]?.string ?? "",
              values: $0["values"].rbacStrings)
          })
      }
    } else {
      aggregationSelectors = nil
    }
  }
}
