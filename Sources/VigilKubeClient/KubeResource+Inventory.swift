extension KubeResource {
  /// Every resource Vigil watches to build its inventory, in dependency order (namespaces and
  /// nodes first, then workloads, networking, RBAC and admission).
  public static let inventory: [KubeResource] = [
    core("namespaces", "Namespace", namespaced: false),
    core("nodes", "Node", namespaced: false),
    core("pods", "Pod"),
    core("services", "Service"),
    KubeResource(
      group: "discovery.k8s.io", version: "v1", plural: "endpointslices", kind: "EndpointSlice",
      namespaced: true),
    networking("ingresses", "Ingress"),
    networking("networkpolicies", "NetworkPolicy"),
    gateway("gateways", "Gateway"),
    gateway("httproutes", "HTTPRoute"),
    apps("deployments", "Deployment"),
    apps("replicasets", "ReplicaSet"),
    apps("statefulsets", "StatefulSet"),
    apps("daemonsets", "DaemonSet"),
    batch("jobs", "Job"),
    batch("cronjobs", "CronJob"),
    rbac("roles", "Role"),
    rbac("clusterroles", "ClusterRole", namespaced: false),
    rbac("rolebindings", "RoleBinding"),
    rbac("clusterrolebindings", "ClusterRoleBinding", namespaced: false),
    admission("validatingwebhookconfigurations", "ValidatingWebhookConfiguration"),
    admission("mutatingwebhookconfigurations", "MutatingWebhookConfiguration"),
  ]

  /// The resource in `inventory` with this kind, if any.
  public static func inventory(kind: String) -> KubeResource? {
    inventory.first { $0.kind == kind }
  }

  private static func core(_ plural: String, _ kind: String, namespaced: Bool = true)
    -> KubeResource
  {
    KubeResource(group: "", version: "v1", plural: plural, kind: kind, namespaced: namespaced)
  }

  private static func networking(_ plural: String, _ kind: String) -> KubeResource {
    KubeResource(
      group: "networking.k8s.io", version: "v1", plural: plural, kind: kind, namespaced: true)
  }

  private static func gateway(_ plural: String, _ kind: String) -> KubeResource {
    KubeResource(
      group: "gateway.networking.k8s.io", version: "v1", plural: plural, kind: kind,
      namespaced: true, optional: true)
  }

  private static func apps(_ plural: String, _ kind: String) -> KubeResource {
    KubeResource(group: "apps", version: "v1", plural: plural, kind: kind, namespaced: true)
  }

  private static func batch(_ plural: String, _ kind: String) -> KubeResource {
    KubeResource(group: "batch", version: "v1", plural: plural, kind: kind, namespaced: true)
  }

  private static func rbac(_ plural: String, _ kind: String, namespaced: Bool = true)
    -> KubeResource
  {
    KubeResource(
      group: "rbac.authorization.k8s.io", version: "v1", plural: plural, kind: kind,
      namespaced: namespaced)
  }

  private static func admission(_ plural: String, _ kind: String) -> KubeResource {
    KubeResource(
      group: "admissionregistration.k8s.io", version: "v1", plural: plural, kind: kind,
      namespaced: false)
  }
}
