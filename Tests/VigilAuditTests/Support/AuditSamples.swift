import VigilJSON

/// Realistic audit events in every shape, for the tests (values modeled on real clusters).
enum AuditSamples {
  /// A kubectl pod create at RequestResponse level (audit.k8s.io/v1).
  static let podCreate = #"""
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"8a4f1c2e-0b6d-4c4e-9f0a-2b7e5d1c3a90","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/pods?fieldManager=kubectl-client-side-apply","verb":"create","user":{"username":"alice@example.com","uid":"u-123","groups":["developers","system:authenticated"]},"impersonatedUser":{"username":"system:serviceaccount:ci:deployer","groups":["system:serviceaccounts"]},"sourceIPs":["203.0.113.7","10.0.0.5"],"userAgent":"kubectl/v1.30.2 (linux/amd64) kubernetes/3968350","objectRef":{"resource":"pods","namespace":"default","name":"nginx","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":201},"requestObject":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"nginx","namespace":"default","labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.27","securityContext":{"privileged":true}}]}},"responseObject":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"nginx","namespace":"default","uid":"5d1c"},"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]},"status":{"phase":"Pending"}},"requestReceivedTimestamp":"2024-05-01T10:00:00.100000Z","stageTimestamp":"2024-05-01T10:00:00.120000Z","annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":"RBAC: allowed by ClusterRoleBinding \"devs\""}}
    """#

  /// The base64 and plaintext values in `secretCreate`, which must never survive decoding.
  static let secretValues = [
    "c3VwZXJzZWNyZXQ=", "supersecret", "aHVudGVyMg==", "hunter2", "plain-token-XYZ",
  ]

  /// A Secret create with data, stringData and a last-applied annotation, echoed in the response.
  static let secretCreate = #"""
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"5e0c9a4b-secret-create","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/prod/secrets","verb":"create","user":{"username":"bob@example.com","groups":["system:authenticated"]},"sourceIPs":["198.51.100.4"],"userAgent":"kubectl/v1.29.0","objectRef":{"resource":"secrets","namespace":"prod","name":"db","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":201},"requestObject":{"kind":"Secret","apiVersion":"v1","metadata":{"name":"db","namespace":"prod","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"apiVersion\":\"v1\",\"data\":{\"password\":\"c3VwZXJzZWNyZXQ=\"},\"kind\":\"Secret\",\"stringData\":{\"token\":\"plain-token-XYZ\"}}\n","team":"payments"}},"type":"Opaque","data":{"password":"c3VwZXJzZWNyZXQ=","api":"aHVudGVyMg=="},"stringData":{"token":"plain-token-XYZ","note":"supersecret"}},"responseObject":{"kind":"Secret","apiVersion":"v1","metadata":{"name":"db","namespace":"prod","uid":"7f"},"type":"Opaque","data":{"password":"c3VwZXJzZWNyZXQ=","api":"aHVudGVyMg==","token":"cGxhaW4tdG9rZW4tWFla"}},"requestReceivedTimestamp":"2024-05-01T11:00:00.000001Z","stageTimestamp":"2024-05-01T11:00:00.002000Z"}
    """#

  /// A JSON-patch of a Secret (`kubectl patch --type json`).
  static let secretPatch = #"""
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":"patch-1","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/prod/secrets/db","verb":"patch","user":{"username":"bob@example.com"},"sourceIPs":["198.51.100.4"],"objectRef":{"resource":"secrets","namespace":"prod","name":"db","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestObject":[{"op":"replace","path":"/data/password","value":"aHVudGVyMg=="},{"op":"add","path":"/stringData","value":{"token":"plain-token-XYZ"}},{"op":"replace","path":"/metadata/labels/tier","value":"gold"}],"requestReceivedTimestamp":"2024-05-01T11:05:00.000000Z","stageTimestamp":"2024-05-01T11:05:00.001000Z"}
    """#

  /// A list of Secrets in a response, and a generic List holding a Secret next to a ConfigMap.
  static let secretList = #"""
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"list-1","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/prod/secrets","verb":"list","user":{"username":"system:serviceaccount:kube-system:backup"},"sourceIPs":["10.0.0.9"],"objectRef":{"resource":"secrets","namespace":"prod","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"responseObject":{"kind":"SecretList","apiVersion":"v1","metadata":{"resourceVersion":"9"},"items":[{"metadata":{"name":"a"},"data":{"k":"c3VwZXJzZWNyZXQ="}},{"metadata":{"name":"b"},"stringData":{"k":"hunter2"}}]},"requestReceivedTimestamp":"2024-05-01T11:06:00Z","stageTimestamp":"2024-05-01T11:06:00.5Z"}
    """#

  /// A custom resource whose response embeds a List with a Secret (not a secrets request).
  static let nestedSecret = #"""
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"nested-1","stage":"ResponseComplete","requestURI":"/apis/backup.example.com/v1/namespaces/prod/snapshots/s1","verb":"get","user":{"username":"carol"},"sourceIPs":["10.0.0.10"],"objectRef":{"resource":"snapshots","namespace":"prod","name":"s1","apiGroup":"backup.example.com","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"responseObject":{"kind":"Snapshot","spec":{"contents":{"kind":"List","items":[{"kind":"ConfigMap","data":{"color":"blue"}},{"kind":"Secret","apiVersion":"v1","data":{"password":"c3VwZXJzZWNyZXQ="}}]}}},"stageTimestamp":"2024-05-01T11:07:00Z"}
    """#

  /// An old (2018 minikube style) partial event: no apiVersion, stage, stageTimestamp or userAgent.
  static let partial = #"""
    {"kind":"Event","level":"Metadata","timestamp":"2018-10-26T09:31:36Z","auditID":"old-1","requestURI":"/api/v1/namespaces/default/configmaps/c","verb":"delete","user":{"username":"minikube-user"},"sourceIPs":["192.168.99.1"],"objectRef":{"resource":"configmaps","namespace":"default","name":"c"}}
    """#

  /// A GKE `kubectl exec` LogEntry.
  static let gkeExec = #"""
    {"protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","authenticationInfo":{"principalEmail":"dev@example.iam.gserviceaccount.com"},"authorizationInfo":[{"granted":true,"permission":"io.k8s.core.v1.pods.exec.create","resource":"core/v1/namespaces/default/pods/nginx/exec"}],"methodName":"io.k8s.core.v1.pods.exec.create","requestMetadata":{"callerIp":"35.1.2.3","callerSuppliedUserAgent":"kubectl/v1.30.1 (darwin/arm64) kubernetes/abc"},"resourceName":"core/v1/namespaces/default/pods/nginx/exec","serviceName":"k8s.io","status":{}},"insertId":"0c3a1f2e-ins","resource":{"type":"k8s_cluster","labels":{"cluster_name":"prod-gke","location":"europe-west1","project_id":"acme-prod"}},"timestamp":"2024-05-01T12:00:00.123456Z","labels":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":"access granted by IAM permissions."},"logName":"projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity","operation":{"id":"a1b2c3d4-op","producer":"k8s.io","first":true,"last":true},"receiveTimestamp":"2024-05-01T12:00:01.5Z"}
    """#

  /// A GKE ClusterRoleBinding create with its request and response bodies.
  static let gkeBinding = #"""
    {"protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","authenticationInfo":{"principalEmail":"admin@example.com"},"authorizationInfo":[{"granted":true,"permission":"io.k8s.authorization.rbac.v1.clusterrolebindings.create","resource":"rbac.authorization.k8s.io/v1/clusterrolebindings/evil"}],"methodName":"io.k8s.authorization.rbac.v1.clusterrolebindings.create","request":{"@type":"rbac.authorization.k8s.io/v1.ClusterRoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"evil"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"},"subjects":[{"kind":"User","name":"mallory@example.com"}]},"requestMetadata":{"callerIp":"34.5.6.7","callerSuppliedUserAgent":"kubectl/v1.30.1"},"resourceName":"rbac.authorization.k8s.io/v1/clusterrolebindings/evil","response":{"@type":"rbac.authorization.k8s.io/v1.ClusterRoleBinding","kind":"ClusterRoleBinding","metadata":{"name":"evil","uid":"1"}},"serviceName":"k8s.io","status":{}},"insertId":"ins-2","resource":{"type":"k8s_cluster","labels":{"cluster_name":"prod-gke","location":"europe-west1","project_id":"acme-prod"}},"timestamp":"2024-05-01T12:01:00Z","labels":{"authorization.k8s.io/decision":"allow"},"operation":{"id":"op-2","producer":"k8s.io","first":true,"last":true}}
    """#

  /// A GKE Secret create that was denied (status code 7, authorization not granted).
  static let gkeSecretDenied = #"""
    {"protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","authenticationInfo":{"principalEmail":"system:anonymous"},"authorizationInfo":[{"granted":false,"permission":"io.k8s.core.v1.secrets.create"}],"methodName":"io.k8s.core.v1.secrets.create","request":{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s"},"data":{"password":"c3VwZXJzZWNyZXQ="},"stringData":{"token":"plain-token-XYZ"}},"requestMetadata":{"callerIp":"203.0.113.66"},"resourceName":"core/v1/namespaces/prod/secrets/s","serviceName":"k8s.io","status":{"code":7,"message":"secrets is forbidden: User \"system:anonymous\" cannot create resource"}},"insertId":"ins-3","resource":{"type":"k8s_cluster","labels":{"cluster_name":"prod-gke"}},"timestamp":"2024-05-01T12:02:00Z"}
    """#

  /// `events` wrapped as an EKS CloudWatch record.
  static func cloudWatchRecord(_ event: String, timestamp: Int64 = 1_714_557_600_000) -> String {
    #"{"timestamp":\#(timestamp),"message":\#(JSONText.quoted(event)),"ingestionTime":1714557601000,"logStream":"kube-apiserver-audit-4f1c2e0b6d4c4e9f","logGroup":"/aws/eks/prod/cluster","eventId":"3812"}"#
  }

  /// An AKS diagnostic record holding `event` as a string (or as an object when `asObject`).
  static func aksRecord(_ event: String, asObject: Bool = false, category: String = "kube-audit")
    -> String
  {
    let log = asObject ? event : JSONText.quoted(event)
    return
      #"{"operationName":"Microsoft.ContainerService/managedClusters/diagnosticLogs/Read","category":"\#(category)","ResourceId":"/SUBSCRIPTIONS/0000/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/AKS1","properties":{"log":\#(log),"stream":"stdout","pod":"kube-apiserver-6b8d9c7f5-x2k4p","containerID":"9c1e"},"time":"2024-05-01T13:00:00.0000000Z"}"#
  }

  /// A native event with `objectRef.resource`, `auditID` and a request body of `size` bytes.
  static func event(auditID: String, stage: String = "ResponseComplete", bodyBytes: Int = 0)
    -> String
  {
    let body =
      bodyBytes > 0
      ? #","requestObject":{"kind":"ConfigMap","data":{"blob":"\#(String(repeating: "x", count: bodyBytes))"}}"#
      : ""
    return
      #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":"\#(auditID)","stage":"\#(stage)","requestURI":"/api/v1/namespaces/default/configmaps","verb":"create","user":{"username":"alice"},"sourceIPs":["10.1.1.1"],"objectRef":{"resource":"configmaps","namespace":"default","name":"big"},"responseStatus":{"metadata":{},"code":201}\#(body),"stageTimestamp":"2024-05-01T10:00:00Z"}"#
  }
}
