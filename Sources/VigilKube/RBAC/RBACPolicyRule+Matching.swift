/// Matching one request against a rule, as the RBAC authorizer does.
extension RBACPolicyRule {
  /// Whether the rule allows `verb` on `group`/`resource`(/`subresource`) named `name`.
  public func allows(
    verb: String, group: String, resource: String, subresource: String? = nil, name: String? = nil
  ) -> Bool {
    verbs.contains { RBACPermission.matches($0, verb) }
      && apiGroups.contains { RBACPermission.matches($0, group) }
      && resources.contains {
        RBACPermission.resourceMatches($0, resource: resource, subresource: subresource)
      }
      && (resourceNames.isEmpty || name.map(resourceNames.contains) == true)
  }

  /// Whether the rule allows `verb` on the non-resource URL `path`.
  public func allows(verb: String, nonResourceURL path: String) -> Bool {
    verbs.contains { RBACPermission.matches($0, verb) }
      && nonResourceURLs.contains { RBACPermission.urlMatches($0, path) }
  }
}
