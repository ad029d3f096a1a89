import VigilJSON

@testable import VigilKube

/// RBAC objects as the API server returns them (`kubectl get … -o json`), trimmed of
/// managedFields, for the RBAC tests.
enum RBACFixtures {
  static let clusterAdmin = """
    {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"annotations":\
    {"rbac.authorization.kubernetes.io/autoupdate":"true"},"creationTimestamp":"2026-01-12T09:14:02Z",\
    "labels":{"kubernetes.io/bootstrapping":"rbac-defaults"},"name":"cluster-admin","resourceVersion":"72",\
    "uid":"9d1f6a8e-3c1b-4f0e-9a55-0c2b7c2f6f11"},"rules":[{"apiGroups":["*"],"resources":["*"],\
    "verbs":["*"]},{"nonResourceURLs":["*"],"verbs":["*"]}]}
    """

  static let clusterAdminBinding = """
    {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"annotations":\
    {"rbac.authorization.kubernetes.io/autoupdate":"true"},"creationTimestamp":"2026-01-12T09:14:02Z",\
    "labels":{"kubernetes.io/bootstrapping":"rbac-defaults"},"name":"cluster-admin","resourceVersion":"136",\
    "uid":"4b0c1f57-7d55-4bd4-8a0d-52d1b3f5b0a2"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io",\
    "kind":"ClusterRole","name":"cluster-admin"},"subjects":[{"apiGroup":"rbac.authorization.k8s.io",\
    "kind":"Group","name":"system:masters"}]}
    """

  /// `view`, `edit`, `admin` and the `system:aggregate-to-*` roles that feed them, as a
  /// `ClusterRoleList` (items carry no kind).
  static let aggregatedRoles = """
    {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleList","metadata":{"resourceVersion":"88120"},
    "items":[
    {"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"rbac.authorization.k8s.io/aggregate-to-view":"true"}}]},
     "metadata":{"annotations":{"rbac.authorization.kubernetes.io/autoupdate":"true"},
     "labels":{"kubernetes.io/bootstrapping":"rbac-defaults","rbac.authorization.k8s.io/aggregate-to-edit":"true"},
     "name":"view","resourceVersion":"340","uid":"5f7e0b0e-3f0c-4c55-b7a5-3c6f7d1e2a01"},
     "rules":[{"apiGroups":[""],"resources":["configmaps","endpoints","persistentvolumeclaims","pods",
     "replicationcontrollers","services"],"verbs":["get","list","watch"]},
     {"apiGroups":["apps"],"resources":["daemonsets","deployments","replicasets","statefulsets"],
     "verbs":["get","list","watch"]}]},
    {"metadata":{"annotations":{"rbac.authorization.kubernetes.io/autoupdate":"true"},
     "labels":{"kubernetes.io/bootstrapping":"rbac-defaults","rbac.authorization.k8s.io/aggregate-to-view":"true"},
     "name":"system:aggregate-to-view","resourceVersion":"95","uid":"0a8c7b6e-2d1f-4e3a-9b8c-7d6e5f4a3b21"},
     "rules":[{"apiGroups":[""],"resources":["configmaps","endpoints","persistentvolumeclaims","pods",
     "replicationcontrollers","services"],"verbs":["get","list","watch"]},
     {"apiGroups":["apps"],"resources":["daemonsets","deployments","replicasets","statefulsets"],
     "verbs":["get","list","watch"]}]},
    {"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"rbac.authorization.k8s.io/aggregate-to-edit":"true"}}]},
     "metadata":{"annotations":{"rbac.authorization.kubernetes.io/autoupdate":"true"},
     "labels":{"kubernetes.io/bootstrapping":"rbac-defaults","rbac.authorization.k8s.io/aggregate-to-admin":"true"},
     "name":"edit","resourceVersion":"341","uid":"7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d"},
     "rules":[{"apiGroups":[""],"resources":["pods/attach","pods/exec","pods/portforward","pods/proxy","secrets",
     "services/proxy"],"verbs":["get","list","watch"]},{"apiGroups":[""],"resources":["serviceaccounts"],
     "verbs":["impersonate"]},{"apiGroups":[""],"resources":["pods","pods/attach","pods/exec","pods/portforward",
     "pods/proxy"],"verbs":["create","delete","deletecollection","patch","update"]},{"apiGroups":[""],
     "resources":["serviceaccounts/token"],"verbs":["create"]}]},
    {"metadata":{"annotations":{"rbac.authorization.kubernetes.io/autoupdate":"true"},
     "labels":{"kubernetes.io/bootstrapping":"rbac-defaults","rbac.authorization.k8s.io/aggregate-to-edit":"true"},
     "name":"system:aggregate-to-edit","resourceVersion":"96","uid":"1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"},
     "rules":[{"apiGroups":[""],"resources":["pods/attach","pods/exec","pods/portforward","pods/proxy","secrets",
     "services/proxy"],"verbs":["get","list","watch"]},{"apiGroups":[""],"resources":["serviceaccounts"],
     "verbs":["impersonate"]},{"apiGroups":[""],"resources":["pods","pods/attach","pods/exec","pods/portforward",
     "pods/proxy"],"verbs":["create","delete","deletecollection","patch","update"]},{"apiGroups":[""],
     "resources":["serviceaccounts/token"],"verbs":["create"]}]},
    {"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"rbac.authorization.k8s.io/aggregate-to-admin":"true"}}]},
     "metadata":{"annotations":{"rbac.authorization.kubernetes.io/autoupdate":"true"},
     "labels":{"kubernetes.io/bootstrapping":"rbac-defaults"},
     "name":"admin","resourceVersion":"342","uid":"2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f"},
     "rules":[{"apiGroups":["rbac.authorization.k8s.io"],"resources":["rolebindings","roles"],
     "verbs":["create","delete","deletecollection","get","list","patch","update","watch"]}]},
    {"metadata":{"annotations":{"rbac.authorization.kubernetes.io/autoupdate":"true"},
     "labels":{"kubernetes.io/bootstrapping":"rbac-defaults","rbac.authorization.k8s.io/aggregate-to-admin":"true"},
     "name":"system:aggregate-to-admin","resourceVersion":"97","uid":"3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a"},
     "rules":[{"apiGroups":["rbac.authorization.k8s.io"],"resources":["rolebindings","roles"],
     "verbs":["create","delete","deletecollection","get","list","patch","update","watch"]},
     {"apiGroups":["authorization.k8s.io"],"resources":["localsubjectaccessreviews"],"verbs":["create"]}]}
    ]}
    """

  static let secretReaderRole = """
    {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"creationTimestamp":"2026-03-02T14:20:11Z",\
    "name":"secret-reader","namespace":"prod","resourceVersion":"551203","uid":"aa3e1c2d-0b4f-4e6a-9c8d-7e6f5a4b3c2d"},\
    "rules":[{"apiGroups":[""],"resources":["secrets"],"verbs":["get","list","watch"]},\
    {"apiGroups":[""],"resources":["configmaps"],"resourceNames":["app-config"],"verbs":["get"]}]}
    """

  static let readSecretsBinding = """
    {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"creationTimestamp":"2026-03-02T14:21:40Z",\
    "name":"read-secrets","namespace":"prod","resourceVersion":"551260","uid":"bb4f2d3e-1c5a-4f7b-8d9e-8f7a6b5c4d3e"},\
    "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"secret-reader"},\
    "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"alice@example.com"},\
    {"kind":"ServiceAccount","name":"backup","namespace":"prod"}]}
    """

  /// A RoleBinding of the `edit` ClusterRole into `prod` for the CI service account.
  static let ciDeployerBinding = """
    {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"creationTimestamp":"2026-03-05T08:00:00Z",\
    "name":"ci-deployer","namespace":"prod","resourceVersion":"600112","uid":"cc5a3e4f-2d6b-4a8c-9e0f-9a8b7c6d5e4f"},\
    "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"edit"},\
    "subjects":[{"kind":"ServiceAccount","name":"builder","namespace":"ci"}]}
    """

  static let oncallViewBinding = """
    {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"creationTimestamp":"2026-03-06T10:00:00Z",\
    "name":"oncall-view","resourceVersion":"600500","uid":"dd6b4f5a-3e7c-4b9d-8f1a-0b9c8d7e6f5a"},\
    "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},\
    "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"Group","name":"oncall"}]}
    """

  /// A ClusterRoleBinding granting cluster-admin to the CI service account (the escalation).
  static let ciAdminBinding = """
    {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"creationTimestamp":"2026-04-01T03:12:00Z",\
    "name":"ci-admin","resourceVersion":"700001","uid":"ee7c5a6b-4f8d-4cae-9a2b-1c0d9e8f7a6b"},\
    "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"},\
    "subjects":[{"kind":"ServiceAccount","name":"builder","namespace":"ci"}]}
    """

  /// A new ClusterRole labelled to aggregate into `view` (as a CRD operator installs).
  static let crontabViewer = """
    {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"creationTimestamp":"2026-04-02T11:00:00Z",\
    "labels":{"rbac.authorization.k8s.io/aggregate-to-view":"true"},"name":"crontabs-view",\
    "resourceVersion":"700300","uid":"ff8d6b7c-5a9e-4dbf-8b3c-2d1e0f9a8b7c"},\
    "rules":[{"apiGroups":["stable.example.com"],"resources":["crontabs"],"verbs":["get","list","watch"]}]}
    """

  static func parse(_ text: String) throws -> JSONValue {
    try JSONDocument(parsing: text).root
  }

  /// The model with every fixture above except `ciAdminBinding` and `crontabViewer`.
  static func baseline() throws -> RBACModel {
    var model = RBACModel()
    for text in [
      clusterAdmin, clusterAdminBinding, aggregatedRoles, secretReaderRole, readSecretsBinding,
      ciDeployerBinding,
      oncallViewBinding,
    ] {
      let result = model.import(try parse(text))
      guard result.errors.isEmpty else { throw result.errors[0] }
    }
    return model
  }
}
