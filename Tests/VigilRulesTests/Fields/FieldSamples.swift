/// Realistic audit events, inline, for the field tests.
enum FieldSamples {
  /// A Pod created with kubectl: two containers and an init container, host network, a
  /// docker.sock hostPath, capabilities, pod and container security contexts.
  static let pod = """
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"pod-1",
     "stage":"ResponseComplete","verb":"create",
     "requestURI":"/api/v1/namespaces/prod/pods?fieldManager=kubectl-client-side-apply&dryRun=All",
     "user":{"username":"alice@example.com","groups":["devs","system:authenticated"]},
     "sourceIPs":["203.0.113.7","10.0.0.1"],
     "userAgent":"kubectl/v1.30.2 (linux/amd64) kubernetes/3968350",
     "objectRef":{"resource":"pods","namespace":"prod","name":"web","apiVersion":"v1"},
     "responseStatus":{"metadata":{},"code":201},
     "requestObject":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","namespace":"prod"},
      "spec":{"hostNetwork":true,"hostPID":false,
       "securityContext":{"runAsUser":1000,"fsGroup":2000,"supplementalGroups":[3000,3001]},
       "volumes":[{"name":"data","emptyDir":{}},
                  {"name":"docker","hostPath":{"path":"/var/run/docker.sock","type":"Socket"}},
                  {"name":"plug","flexVolume":{"driver":"example/lvm"}}],
       "initContainers":[{"name":"init","image":"busybox:1.36","command":["sh","-c","true"],
                          "securityContext":{"privileged":true}}],
       "containers":[
        {"name":"app","image":"registry.example.com:5000/team/app:2.1@sha256:abc",
         "args":["--port","8080"],
         "ports":[{"containerPort":8080,"hostPort":18080},{"containerPort":9090}],
         "securityContext":{"privileged":true,"allowPrivilegeEscalation":true,"runAsUser":0,
          "procMount":"Unmasked","capabilities":{"add":["NET_ADMIN","SYS_TIME"]}}},
        {"name":"sidecar","image":"nginx",
         "securityContext":{"readOnlyRootFilesystem":true,"runAsGroup":4000}}]}},
     "responseObject":{"kind":"Pod","metadata":{"name":"web","namespace":"prod"}},
     "requestReceivedTimestamp":"2024-05-01T10:00:00.123456Z",
     "stageTimestamp":"2024-05-01T10:00:00.200000Z",
     "annotations":{"authorization.k8s.io/decision":"allow",
      "authorization.k8s.io/reason":"RBAC: allowed by ClusterRoleBinding \\"devs\\"",
      "pod-security.kubernetes.io/audit-violations":"privileged (container \\"app\\")"}}
    """

  /// A Deployment whose pod template has a privileged container.
  static let deployment = """
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":"dep-1",
     "stage":"ResponseComplete","verb":"create",
     "requestURI":"/apis/apps/v1/namespaces/prod/deployments",
     "user":{"username":"system:serviceaccount:argocd:argocd-application-controller",
             "groups":["system:serviceaccounts","system:authenticated"]},
     "sourceIPs":["10.1.2.3"],"userAgent":"argocd-application-controller/v2.11.0 (linux/amd64) kubernetes/abc",
     "objectRef":{"resource":"deployments","namespace":"prod","name":"api","apiGroup":"apps","apiVersion":"v1"},
     "responseStatus":{"metadata":{},"code":201},
     "requestObject":{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"api"},
      "spec":{"replicas":2,"template":{"metadata":{"labels":{"app":"api"}},
       "spec":{"hostPID":true,"containers":[
        {"name":"api","image":"ghcr.io/acme/api:1.4","securityContext":{"privileged":true},
         "ports":[{"containerPort":80,"hostPort":80}]},
        {"name":"log","image":"quay.io/acme/log:2"}],
        "volumes":[{"name":"root","hostPath":{"path":"/"}}]}}}},
     "stageTimestamp":"2024-05-01T10:05:00.000000Z"}
    """

  /// A CronJob (pod spec under spec.jobTemplate.spec.template.spec).
  static let cronJob = """
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":"cj-1",
     "stage":"ResponseComplete","verb":"create","requestURI":"/apis/batch/v1/namespaces/ops/cronjobs",
     "user":{"username":"bob"},"sourceIPs":["198.51.100.4"],"userAgent":"Helm/3.14.4",
     "objectRef":{"resource":"cronjobs","namespace":"ops","name":"backup","apiGroup":"batch","apiVersion":"v1"},
     "responseStatus":{"metadata":{},"code":201},
     "requestObject":{"kind":"CronJob","metadata":{"name":"backup"},"spec":{"schedule":"0 * * * *",
      "jobTemplate":{"spec":{"template":{"spec":{"containers":[
       {"name":"b","image":"index.docker.io/library/postgres:16"}],"restartPolicy":"Never"}}}}}},
     "stageTimestamp":"2024-05-01T10:06:00Z"}
    """

  /// `kubectl set image` (strategic merge patch of a Deployment).
  static let mergePatch = """
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":"patch-1",
     "stage":"ResponseComplete","verb":"patch",
     "requestURI":"/apis/apps/v1/namespaces/prod/deployments/api?fieldManager=kubectl-set",
     "user":{"username":"mallory"},"sourceIPs":["192.0.2.9"],
     "userAgent":"kubectl/v1.29.0 (darwin/arm64) kubernetes/abc",
     "objectRef":{"resource":"deployments","namespace":"prod","name":"api","apiGroup":"apps","apiVersion":"v1"},
     "responseStatus":{"metadata":{},"code":200},
     "requestObject":{"spec":{"template":{"spec":{"containers":[{"image":"nginx:1.26","name":"api"}]}}}},
     "stageTimestamp":"2024-05-01T10:07:00Z"}
    """

  /// A JSON patch that swaps an image and makes a container privileged.
  static let jsonPatch = """
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":"patch-2",
     "stage":"ResponseComplete","verb":"patch",
     "requestURI":"/apis/apps/v1/namespaces/prod/daemonsets/agent",
     "user":{"username":"mallory"},"sourceIPs":["192.0.2.9"],"userAgent":"curl/8.5.0",
     "objectRef":{"resource":"daemonsets","namespace":"prod","name":"agent","apiGroup":"apps","apiVersion":"v1"},
     "responseStatus":{"metadata":{},"code":200},
     "requestObject":[
      {"op":"replace","path":"/spec/template/spec/containers/0/image","value":"evil.example/miner:latest"},
      {"op":"add","path":"/spec/template/spec/containers/0/securityContext","value":{"privileged":true}}],
     "stageTimestamp":"2024-05-01T10:08:00Z"}
    """

  /// An exec into a pod by a service account, running a package manager.
  static let exec = """
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":"exec-1",
     "stage":"ResponseStarted","verb":"create",
     "requestURI":"/api/v1/namespaces/prod/pods/web/exec?command=%2Fbin%2Fsh&command=-c&command=apt-get+install+-y+curl&container=app&stdin=true&stdout=true&tty=true",
     "user":{"username":"system:serviceaccount:ci:deployer","uid":"u-1",
             "groups":["system:serviceaccounts","system:serviceaccounts:ci","system:authenticated"]},
     "impersonatedUser":{"username":"admin@example.com","groups":["system:masters"]},
     "sourceIPs":["10.2.0.5"],"userAgent":"python-requests/2.31.0",
     "objectRef":{"resource":"pods","namespace":"prod","name":"web","subresource":"exec","apiVersion":"v1"},
     "responseStatus":{"metadata":{},"code":101},
     "requestReceivedTimestamp":"2024-05-01T10:10:00.000001Z",
     "stageTimestamp":"2024-05-01T10:10:00.500000123Z"}
    """

  /// A ClusterRoleBinding to cluster-admin for a user, a service account and a group.
  static let clusterRoleBinding = """
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"crb-1",
     "stage":"ResponseComplete","verb":"create",
     "requestURI":"/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
     "user":{"username":"kubernetes-admin","groups":["system:masters","system:authenticated"]},
     "sourceIPs":["172.16.0.1"],"userAgent":"HashiCorp/1.0 Terraform/1.7.5 terraform-provider-kubernetes/2.27.0",
     "objectRef":{"resource":"clusterrolebindings","name":"ops-admin","apiGroup":"rbac.authorization.k8s.io","apiVersion":"v1"},
     "responseStatus":{"metadata":{},"code":201},
     "requestObject":{"kind":"ClusterRoleBinding","apiVersion":"rbac.authorization.k8s.io/v1",
      "metadata":{"name":"ops-admin"},
      "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"},
      "subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"alice"},
                  {"kind":"ServiceAccount","name":"default","namespace":"kube-system"},
                  {"kind":"Group","apiGroup":"rbac.authorization.k8s.io","name":"devs"}]},
     "responseObject":{"kind":"ClusterRoleBinding","metadata":{"name":"ops-admin"}},
     "stageTimestamp":"2024-05-01T10:11:00Z"}
    """

  /// A ClusterRole with escalate/bind rights and a non-resource URL.
  static let clusterRole = """
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"cr-1",
     "stage":"ResponseComplete","verb":"create",
     "requestURI":"/apis/rbac.authorization.k8s.io/v1/clusterroles",
     "user":{"username":"kubernetes-admin","groups":["system:masters"]},"sourceIPs":["172.16.0.1"],
     "objectRef":{"resource":"clusterroles","name":"escalator","apiGroup":"rbac.authorization.k8s.io","apiVersion":"v1"},
     "responseStatus":{"metadata":{},"code":201},
     "requestObject":{"kind":"ClusterRole","metadata":{"name":"escalator"},"rules":[
      {"apiGroups":[""],"resources":["pods","pods/exec"],"verbs":["get","create"]},
      {"nonResourceURLs":["/metrics"],"verbs":["get"]},
      {"apiGroups":["rbac.authorization.k8s.io"],"resources":["clusterroles"],"verbs":["escalate","bind"]}]},
     "stageTimestamp":"2024-05-01T10:12:00Z"}
    """

  /// A NodePort Service.
  static let nodePortService = """
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":"svc-1",
     "stage":"ResponseComplete","verb":"create","requestURI":"/api/v1/namespaces/prod/services",
     "user":{"username":"alice@example.com"},"sourceIPs":["203.0.113.7"],
     "objectRef":{"resource":"services","namespace":"prod","name":"web","apiVersion":"v1"},
     "responseStatus":{"metadata":{},"code":201},
     "requestObject":{"kind":"Service","metadata":{"name":"web"},"spec":{"type":"NodePort",
      "ports":[{"port":80, "targetPort":8080,"nodePort":30080,"protocol":"TCP"},
               {"name":"tls","port":443,"protocol":"TCP"}],"selector":{"app":"web"}}},
     "stageTimestamp":"2024-05-01T10:13:00Z"}
    """

  /// A ConfigMap created by an anonymous client, refused.
  static let configMap = """
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":"cm-1",
     "stage":"ResponseComplete","verb":"create","requestURI":"/api/v1/namespaces/default/configmaps",
     "user":{"username":"system:anonymous","groups":["system:unauthenticated"]},
     "sourceIPs":["198.51.100.66"],
     "objectRef":{"resource":"configmaps","namespace":"default","name":"settings","apiVersion":"v1"},
     "responseStatus":{"metadata":{},"status":"Failure","reason":"Forbidden","code":403},
     "requestObject":{"kind":"ConfigMap","metadata":{"name":"settings"},"data":{"user":"admin", "mode":"debug"}},
     "stageTimestamp":"2024-05-01T10:14:00Z",
     "annotations":{"authorization.k8s.io/decision":"forbid","authorization.k8s.io/reason":""}}
    """

  /// A metadata-only event: no bodies, no user agent, a non-resource URL.
  static let metadataOnly = """
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"md-1",
     "stage":"ResponseComplete","verb":"get","requestURI":"/healthz",
     "user":{"username":"system:node:ip-10-0-0-1"},"sourceIPs":["10.0.0.1"],
     "responseStatus":{"metadata":{},"code":200},"stageTimestamp":"2024-05-01T10:15:00Z"}
    """

  /// A GKE Cloud Audit Logs entry: exec into a pod.
  static let gkeExec = """
    {"insertId":"gke-1","logName":"projects/p/logs/cloudaudit.googleapis.com%2Factivity",
     "operation":{"id":"op-77","producer":"k8s.io"},
     "protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog",
      "authenticationInfo":{"principalEmail":"carol@example.com"},
      "authorizationInfo":[{"granted":true,"permission":"io.k8s.core.v1.pods.exec.create",
                            "resource":"core/v1/namespaces/shop/pods/cart-0/exec"}],
      "methodName":"io.k8s.core.v1.pods.exec.create",
      "requestMetadata":{"callerIp":"34.1.2.3","callerSuppliedUserAgent":"kubectl/v1.29.1 (linux/amd64) kubernetes/abc"},
      "resourceName":"core/v1/namespaces/shop/pods/cart-0/exec","serviceName":"k8s.io",
      "status":{}},
     "resource":{"type":"k8s_cluster","labels":{"cluster_name":"prod-eu","location":"europe-west1","project_id":"p"}},
     "timestamp":"2024-05-01T11:00:00.123Z"}
    """

  /// An AKS diagnostic record (event JSON as a string in properties.log).
  static let aksDelete = """
    {"category":"kube-audit","operationName":"Microsoft.ContainerService/managedClusters/diagnosticLogs/Read",
     "time":"2024-05-01T12:00:00Z",
     "properties":{"log":"{\\"kind\\":\\"Event\\",\\"apiVersion\\":\\"audit.k8s.io/v1\\",\\"level\\":\\"Metadata\\",\\"auditID\\":\\"aks-1\\",\\"stage\\":\\"ResponseComplete\\",\\"requestURI\\":\\"/api/v1/namespaces/kube-system/events/x\\",\\"verb\\":\\"delete\\",\\"user\\":{\\"username\\":\\"masterclient\\",\\"groups\\":[\\"system:masters\\"]},\\"sourceIPs\\":[\\"20.1.2.3\\"],\\"userAgent\\":\\"kube-controller-manager/v1.29.2 (linux/amd64) kubernetes/abc/system:serviceaccount:kube-system:x\\",\\"objectRef\\":{\\"resource\\":\\"events\\",\\"namespace\\":\\"kube-system\\",\\"name\\":\\"x\\",\\"apiVersion\\":\\"v1\\"},\\"responseStatus\\":{\\"metadata\\":{},\\"code\\":200},\\"stageTimestamp\\":\\"2024-05-01T12:00:00.000000Z\\"}",
      "pod":"kube-apiserver-abc","stream":"stdout"}}
    """
}
