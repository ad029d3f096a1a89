/// Matching requests against permissions, with the authorizer's wildcard rules.
extension RBACPermission {
  /// Whether this permission allows `verb` on `group`/`resource`(/`subresource`) named `name` in
  /// `namespace` (nil: a cluster-scoped or all-namespaces request), as the RBAC authorizer decides.
  public func allows(
    verb requestedVerb: String, group: String, resource: String, subresource: String? = nil,
    name: String? = nil, namespace: String? = nil
  ) -> Bool {
    guard scope.contains(namespace: namespace), Self.matches(verb, requestedVerb),
      case .resource(let ruleGroup, let ruleResource, let ruleName) = target,
      Self.matches(ruleGroup, group)
    else { return false }
    if let ruleName, ruleName != name { return false }
    return Self.resourceMatches(ruleResource, resource: resource, subresource: subresource)
  }

  /// Whether this permission allows `verb` on the non-resource URL `path`.
  public func allows(verb requestedVerb: String, nonResourceURL path: String) -> Bool {
    guard Self.matches(verb, requestedVerb), case .nonResourceURL(let url) = target else {
      return false
    }
    return Self.urlMatches(url, path)
  }

  /// Whether every request `other` allows is allowed by `self` too.
  public func covers(_ other: RBACPermission) -> Bool {
    guard other.scope.isWithin(scope), Self.matches(verb, other.verb) else { return false }
    switch (target, other.target) {
    case (.resource(let g1, let r1, let n1), .resource(let g2, let r2, let n2)):
      guard Self.matches(g1, g2), n1 == nil || n1 == n2 else { return false }
      if r1 == "*" || r1 == r2 { return true }
      if r1.hasPrefix("*/"), !r2.hasPrefix("*"), let slash = r2.firstIndex(of: "/") {
        return r2[slash...] == r1.dropFirst()
      }
      return false
    case (.nonResourceURL(let u1), .nonResourceURL(let u2)):
      if u1 == u2 || u1 == "*" { return true }
      return u1.hasSuffix("*") && u2.hasPrefix(u1.dropLast())
    default:
      return false
    }
  }

  /// Every permission that would cover this one (itself included): the same with `*` verb, group
  /// or resource, `*/<subresource>`, no resource name, or cluster scope. Lets a set answer
  /// "is this covered?" with a few lookups.
  public var coveringCandidates: [RBACPermission] {
    let verbs = verb == "*" ? ["*"] : [verb, "*"]
    let scopes: [RBACScope] = scope == .cluster ? [.cluster] : [scope, .cluster]
    var targets: [Target] = []
    switch target {
    case .resource(let group, let resource, let name):
      let groups = group == "*" ? ["*"] : [group, "*"]
      var resources = resource == "*" ? ["*"] : [resource, "*"]
      if !resource.hasPrefix("*"), let slash = resource.firstIndex(of: "/") {
        resources.append("*" + resource[slash...])
      }
      let names: [String?] = name == nil ? [nil] : [name, nil]
      for group in groups {
        for resource in resources {
          for name in names {
            targets.append(.resource(group: group, resource: resource, name: name))
          }
        }
      }
    case .nonResourceURL(let url):
      var urls: Set<String> = [url, "*"]
      var prefix = ""
      for character in url {
        urls.insert(prefix + "*")
        prefix.append(character)
      }
      targets = urls.map(Target.nonResourceURL)
    }
    var result: [RBACPermission] = []
    for verb in verbs {
      for target in targets {
        for scope in scopes {
          result.append(RBACPermission(verb: verb, target: target, scope: scope))
        }
      }
    }
    return result
  }

  /// A rule value (`*` or exact) against a requested value.
  static func matches(_ rule: String, _ requested: String) -> Bool {
    rule == "*" || rule == requested
  }

  /// The authorizer's resource match: `*`, exact `resource/subresource`, or `*/subresource`.
  static func resourceMatches(_ rule: String, resource: String, subresource: String?) -> Bool {
    if rule == "*" { return true }
    guard let subresource, !subresource.isEmpty else { return rule == resource }
    if rule == "\(resource)/\(subresource)" { return true }
    return rule == "*/\(subresource)"
  }

  /// The authorizer's non-resource URL match: `*`, exact, or a prefix ending in `*`.
  static func urlMatches(_ rule: String, _ path: String) -> Bool {
    if rule == "*" || rule == path { return true }
    return rule.hasSuffix("*") && path.hasPrefix(rule.dropLast())
  }
}
