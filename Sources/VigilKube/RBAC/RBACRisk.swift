/// Which permissions are dangerous, and how scopes read in sentences.
enum RBACRisk {
  /// A dangerous capability: any of `verbs` on one group/resource(/subresource).
  struct Capability {
    var verbs: [String]
    var group: String
    var resource: String
    var subresource: String?
    var reason: String
  }

  /// The capabilities that let a subject read credentials, run code in pods, or gain more rights.
  static let capabilities: [Capability] = [
    Capability(
      verbs: ["get", "list", "watch"], group: "", resource: "secrets", reason: "reads Secrets"),
    Capability(
      verbs: ["create", "get"], group: "", resource: "pods", subresource: "exec",
      reason: "can exec into pods"),
    Capability(
      verbs: ["create", "get"], group: "", resource: "pods", subresource: "attach",
      reason: "can attach to pods"),
    Capability(
      verbs: ["impersonate"], group: "", resource: "users", reason: "can impersonate users"),
    Capability(
      verbs: ["impersonate"], group: "", resource: "groups", reason: "can impersonate groups"),
    Capability(
      verbs: ["impersonate"], group: "", resource: "serviceaccounts",
      reason: "can impersonate service accounts"),
    Capability(
      verbs: ["escalate"], group: "rbac.authorization.k8s.io", resource: "clusterroles",
      reason: "can escalate ClusterRoles"),
    Capability(
      verbs: ["escalate"], group: "rbac.authorization.k8s.io", resource: "roles",
      reason: "can escalate Roles"),
    Capability(
      verbs: ["bind"], group: "rbac.authorization.k8s.io", resource: "clusterroles",
      reason: "can bind ClusterRoles"),
    Capability(
      verbs: ["bind"], group: "rbac.authorization.k8s.io", resource: "roles",
      reason: "can bind Roles"),
    Capability(
      verbs: ["create"], group: "", resource: "serviceaccounts", subresource: "token",
      reason: "can mint service account tokens"),
    Capability(
      verbs: ["get", "create"], group: "", resource: "nodes", subresource: "proxy",
      reason: "can proxy to kubelets (nodes/proxy)"),
  ]

  /// Why `verbs` on `target` are dangerous; empty when they are not.
  static func assess(verbs: [String], target: RBACPermission.Target) -> [String] {
    var reasons: [String] = []
    if verbs.contains("*") || target.hasWildcard { reasons.append("wildcard (*) grant") }
    for capability in capabilities {
      let allowed = verbs.contains { verb in
        capability.verbs.contains { requested in
          RBACPermission(verb: verb, target: target, scope: .cluster).allows(
            verb: requested, group: capability.group, resource: capability.resource,
            subresource: capability.subresource, name: nil)
        }
      }
      if allowed { reasons.append(capability.reason) }
    }
    return reasons
  }

  /// Resources that are not namespaced, so a cluster-wide grant on them reads "cluster-wide".
  static let clusterScopedResources: Set<String> = [
    "nodes", "namespaces", "persistentvolumes", "clusterroles", "clusterrolebindings",
    "customresourcedefinitions", "storageclasses", "certificatesigningrequests",
    "validatingwebhookconfigurations", "mutatingwebhookconfigurations", "priorityclasses",
    "apiservices", "csidrivers", "csinodes", "ingressclasses", "runtimeclasses",
    "volumeattachments",
    "tokenreviews", "subjectaccessreviews", "selfsubjectaccessreviews", "selfsubjectrulesreviews",
    "componentstatuses", "users", "groups", "*",
  ]

  /// `in namespace prod`, `in all namespaces`, or `cluster-wide` (cluster-scoped resources, URLs).
  static func scopeText(_ scope: RBACScope, target: RBACPermission.Target) -> String {
    guard scope == .cluster else {
      if case .namespace(let name) = scope { return "in namespace \(name)" }
      return ""
    }
    switch target {
    case .nonResourceURL: return "cluster-wide"
    case .resource(_, let resource, _):
      let base = resource.split(separator: "/").first.map(String.init) ?? resource
      return clusterScopedResources.contains(base) ? "cluster-wide" : "in all namespaces"
    }
  }
}
