/// The identities that talk to the demo cluster's API server.
extension DemoDay {
  /// A node's kubelet.
  func kubelet(_ node: DemoCluster.Node) -> DemoActor {
    .system(
      "system:node:\(node.name)", groups: ["system:nodes", "system:authenticated"], ip: node.ip,
      agent: "kubelet/\(DemoDay.kubeVersion)")
  }

  /// The scheduler.
  var scheduler: DemoActor {
    .system(
      "system:kube-scheduler", groups: ["system:authenticated"], ip: DemoCluster.apiServerIP,
      agent: "kube-scheduler/\(DemoDay.kubeVersion)/scheduler")
  }

  /// The controller manager's own identity (shared informers).
  var controllerManager: DemoActor {
    .system(
      "system:kube-controller-manager", groups: ["system:authenticated"],
      ip: DemoCluster.apiServerIP,
      agent: "kube-controller-manager/\(DemoDay.kubeVersion)/shared-informers")
  }

  /// One controller of the controller manager (`--use-service-account-credentials`).
  func controller(_ name: String) -> DemoActor {
    let uid =
      cluster.serviceAccountUIDs["kube-system/\(name)"] ?? "00000000-0000-4000-8000-000000000000"
    return .serviceAccount(
      "kube-system", name, uid: uid, credential: DemoDay.pseudoUUID("jti/" + name),
      ip: DemoCluster.apiServerIP,
      agent:
        "kube-controller-manager/\(DemoDay.kubeVersion)/system:serviceaccount:kube-system:\(name)")
  }

  /// The RBAC reason for a built-in controller.
  static func controllerReason(_ name: String) -> String {
    "RBAC: allowed by ClusterRoleBinding \"system:controller:\(name)\" of ClusterRole \"system:controller:\(name)\" to ServiceAccount \"\(name)/kube-system\""
  }

  /// A workload's service account, authenticated with the token bound to one of its pods.
  func workloadSA(_ namespace: String, _ name: String, pod index: Int = 0, agent: String)
    -> DemoActor
  {
    guard let w = cluster.workload(namespace, name), !w.pods.isEmpty else {
      return .system(
        name, groups: ["system:authenticated"], ip: DemoCluster.apiServerIP, agent: agent)
    }
    let pod = w.pods[index % w.pods.count]
    let uid = cluster.serviceAccountUIDs["\(namespace)/\(w.serviceAccount)"] ?? w.uid
    return .serviceAccount(
      namespace, w.serviceAccount, uid: uid, credential: DemoDay.pseudoUUID("jti/" + pod.uid),
      pod: (pod.name, pod.uid, pod.node.name, pod.node.uid), ip: pod.ip, agent: agent)
  }

  /// The RBAC reason for a service account bound through a ClusterRoleBinding of the same name.
  static func saReason(_ namespace: String, _ name: String, role: String? = nil) -> String {
    "RBAC: allowed by ClusterRoleBinding \"\(name)\" of ClusterRole \"\(role ?? name)\" to ServiceAccount \"\(name)/\(namespace)\""
  }

  /// The CI/CD deployer: Argo CD's application controller.
  var argocd: DemoActor {
    workloadSA(
      "ci", "argocd-application-controller",
      agent: "argocd-application-controller/v2.10.4 (linux/amd64)")
  }

  /// The deployer token used by a CI job running Helm.
  var helm: DemoActor {
    var actor = argocd
    actor.userAgent = "helm/3.14.2 (linux/amd64)"
    actor.sourceIP = "10.244.2.41"
    return actor
  }

  /// The deployer's RoleBinding in a namespace.
  static func deployerReason(_ namespace: String) -> String {
    "RBAC: allowed by RoleBinding \"deployer/\(namespace)\" of ClusterRole \"edit\" to ServiceAccount \"deployer/ci\""
  }

  /// Alice, an SRE (group `sre`), from the office VPN.
  var alice: DemoActor {
    .human("alice@example.com", groups: ["sre"], ip: "10.20.0.15", agent: DemoDay.kubectl)
  }
  /// Bob, an SRE and platform admin.
  var bob: DemoActor {
    .human(
      "bob@example.com", groups: ["sre", "platform-admins"], ip: "10.20.0.23",
      agent: DemoDay.kubectl)
  }
  /// Why Alice is allowed.
  static let aliceReason =
    "RBAC: allowed by ClusterRoleBinding \"sre\" of ClusterRole \"sre\" to Group \"sre\""
  /// Why Bob is allowed.
  static let bobReason =
    "RBAC: allowed by ClusterRoleBinding \"platform-admins\" of ClusterRole \"cluster-admin\" to Group \"platform-admins\""
  /// Why health probes are allowed.
  static let publicInfoReason =
    "RBAC: allowed by ClusterRoleBinding \"system:public-info-viewer\" of ClusterRole \"system:public-info-viewer\" to Group \"system:unauthenticated\""
}
