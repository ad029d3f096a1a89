/// Deterministic synthetic Kubernetes audit events for benchmarks and tests.
extension JSONSamples {
  /// A pod-create audit event line (~2 KB, no trailing newline) varied by `seed`.
  public static func syntheticAuditEvent(seed: Int) -> [UInt8] {
    let n = seed & 0xFFFF
    let ns = ["default", "kube-system", "payments", "web", "monitoring"][seed % 5]
    let verb = ["create", "update", "patch", "get", "delete"][(seed / 5) % 5]
    let user = "system:serviceaccount:\(ns):deployer-\(n % 97)"
    let text = """
      {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse",\
      "auditID":"\(hex(seed &* 2_654_435_761))-4b1e-9c3a-\(hex(seed))","stage":"ResponseComplete",\
      "requestURI":"/api/v1/namespaces/\(ns)/pods?fieldManager=kubectl-client-side-apply",\
      "verb":"\(verb)","user":{"username":"\(user)","uid":"\(hex(n &* 31))-77aa",\
      "groups":["system:serviceaccounts","system:serviceaccounts:\(ns)","system:authenticated"],\
      "extra":{"authentication.kubernetes.io/pod-name":["deployer-\(n)-7f9c"]}},\
      "sourceIPs":["10.\(n % 256).\((n / 7) % 256).\(n % 200 + 2)"],\
      "userAgent":"kubectl/v1.30.2 (linux/amd64) kubernetes/3968350",\
      "objectRef":{"resource":"pods","namespace":"\(ns)","name":"web-\(n)","apiVersion":"v1"},\
      "responseStatus":{"metadata":{},"code":\(verb == "create" ? 201 : 200)},\
      "requestObject":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web-\(n)","namespace":"\(ns)",\
      "labels":{"app":"web","tier":"frontend","pod-template-hash":"\(hex(n &* 7))"},\
      "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"v1\\",\\"kind\\":\\"Pod\\"}\\n"}},\
      "spec":{"containers":[{"name":"web","image":"registry.example.com/web:1.\(n % 40).\(n % 9)",\
      "ports":[{"containerPort":8080,"protocol":"TCP"}],"env":[{"name":"MODE","value":"production"},\
      {"name":"REGION","value":"eu-west-1"}],"resources":{"limits":{"cpu":"500m","memory":"256Mi"},\
      "requests":{"cpu":"100m","memory":"128Mi"}},"securityContext":{"privileged":\(n % 13 == 0),\
      "runAsNonRoot":true,"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}},\
      "volumeMounts":[{"name":"kube-api-access-\(n % 1000)","mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","readOnly":true}]}],\
      "serviceAccountName":"default","hostNetwork":false,"hostPID":false,"restartPolicy":"Always",\
      "volumes":[{"name":"kube-api-access-\(n % 1000)","projected":{"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}}],"defaultMode":420}}]}},\
      "responseObject":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web-\(n)","uid":"\(hex(n &* 131))-0d1f","resourceVersion":"\(1_000_000 + n)",\
      "creationTimestamp":"2024-06-01T12:00:00Z"},"status":{"phase":"Pending","qosClass":"Burstable"}},\
      "requestReceivedTimestamp":"2024-06-01T12:00:00.\(100_000 + n % 900_000)Z",\
      "stageTimestamp":"2024-06-01T12:00:00.\(200_000 + n % 800_000)Z",\
      "annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":\
      "RBAC: allowed by ClusterRoleBinding \\"deployers\\" of ClusterRole \\"edit\\" to ServiceAccount \\"deployer\\/\(ns)\\"",\
      "pod-security.kubernetes.io/enforce-policy":"restricted:latest"}}
      """
    return Array(text.utf8)
  }

  private static func hex(_ value: Int) -> String {
    String(UInt32(truncatingIfNeeded: value), radix: 16)
  }
}
