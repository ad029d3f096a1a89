import VigilJSON

extension RBACModel {
  /// A model holding the ClusterRoles every cluster has — `cluster-admin`, `admin`, `edit`,
  /// `view` — so a binding to one of them is understood even when the audit log never showed
  /// the role itself. The rules follow Kubernetes' bootstrap policy (1.30), flattened (no
  /// aggregation labels): admin and edit write workloads, Secrets and `pods/exec`; admin also
  /// writes Roles and RoleBindings; view reads everything but Secrets.
  public static let kubernetesDefaults: RBACModel = {
    var model = RBACModel()
    if let document = try? JSONDocument(parsing: defaultClusterRoles) {
      _ = model.import(document.root, reportingChanges: false)
    }
    return model
  }()

  static let workloadResources = """
    "pods","pods/attach","pods/exec","pods/portforward","pods/proxy","services","services/proxy",\
    "endpoints","persistentvolumeclaims","configmaps","secrets","serviceaccounts",\
    "replicationcontrollers","deployments","deployments/scale","replicasets","statefulsets",\
    "daemonsets","jobs","cronjobs","ingresses","networkpolicies","horizontalpodautoscalers",\
    "poddisruptionbudgets","events","serviceaccounts/token"
    """
  static let readableResources = """
    "pods","pods/log","pods/status","services","endpoints","persistentvolumeclaims","configmaps",\
    "serviceaccounts","replicationcontrollers","deployments","replicasets","statefulsets",\
    "daemonsets","jobs","cronjobs","ingresses","networkpolicies","horizontalpodautoscalers",\
    "poddisruptionbudgets","events","namespaces","limitranges","resourcequotas"
    """
  static let workloadGroups = """
    "","apps","batch","extensions","networking.k8s.io","autoscaling","policy"
    """

  static let defaultClusterRoles = """
    {"kind":"ClusterRoleList","apiVersion":"rbac.authorization.k8s.io/v1","items":[
    {"metadata":{"name":"cluster-admin","labels":{"kubernetes.io/bootstrapping":"rbac-defaults"}},
     "rules":[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]},{"nonResourceURLs":["*"],"verbs":["*"]}]},
    {"metadata":{"name":"admin","labels":{"kubernetes.io/bootstrapping":"rbac-defaults"}},
     "rules":[{"apiGroups":[\(workloadGroups)],"resources":[\(workloadResources)],
               "verbs":["create","delete","deletecollection","get","list","patch","update","watch"]},
              {"apiGroups":["rbac.authorization.k8s.io"],"resources":["roles","rolebindings"],
               "verbs":["create","delete","deletecollection","get","list","patch","update","watch"]}]},
    {"metadata":{"name":"edit","labels":{"kubernetes.io/bootstrapping":"rbac-defaults"}},
     "rules":[{"apiGroups":[\(workloadGroups)],"resources":[\(workloadResources)],
               "verbs":["create","delete","deletecollection","get","list","patch","update","watch"]}]},
    {"metadata":{"name":"view","labels":{"kubernetes.io/bootstrapping":"rbac-defaults"}},
     "rules":[{"apiGroups":[\(workloadGroups)],"resources":[\(readableResources)],
               "verbs":["get","list","watch"]}]}
    ]}
    """
}
