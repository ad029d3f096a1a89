/// Attacks on credentials and identity: a stolen token, password spraying, anonymous access,
/// minted tokens and certificates, impersonation, secret harvesting.
extension DemoDay {
  mutating func stolenTokenBurst(at t: Int64) {
    guard let w = cluster.workload("shop", "frontend"), let pod = w.pods.first else { return }
    let uid = cluster.serviceAccountUIDs["shop/frontend"] ?? w.uid
    let thief = DemoActor.serviceAccount(
      "shop", "frontend", uid: uid, credential: DemoDay.pseudoUUID("jti/" + pod.uid),
      pod: (pod.name, pod.uid, pod.node.name, pod.node.uid), ip: "203.0.113.45",
      agent: "kubectl/v1.29.3 (linux/amd64) kubernetes/6813625")
    var ids: [String] = []
    var c = t
    ids.append(
      request(
        at: c, thief, "create", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
        ref: DemoDay.ref("selfsubjectrulesreviews", group: "authorization.k8s.io"), code: 201,
        reason:
          "RBAC: allowed by ClusterRoleBinding \"system:basic-user\" of ClusterRole \"system:basic-user\" to Group \"system:authenticated\""
      ))
    c += 1_800_000_000
    ids.append(
      request(
        at: c, thief, "list", "/api/v1/secrets?limit=500", ref: DemoDay.ref("secrets"),
        level: .metadata, code: 403))
    for ns in DemoCluster.namespaces + ["kube-public", "kube-node-lease"] {
      c += Int64(rng.int(600...1900)) * 1_000_000
      ids.append(
        request(
          at: c, thief, "list", "/api/v1/namespaces/\(ns)/secrets?limit=500",
          ref: DemoDay.ref("secrets", namespace: ns), code: 403))
      c += Int64(rng.int(300...900)) * 1_000_000
      ids.append(
        request(
          at: c, thief, "list", "/api/v1/namespaces/\(ns)/configmaps?limit=500",
          ref: DemoDay.ref("configmaps", namespace: ns), level: .request, code: 403))
    }
    for name in ["payments-db", "stripe-api-key", "registry-credentials"] {
      c += Int64(rng.int(700...1500)) * 1_000_000
      ids.append(
        request(
          at: c, thief, "get", "/api/v1/namespaces/payments/secrets/\(name)",
          ref: DemoDay.ref("secrets", namespace: "payments", name: name), code: 403))
    }
    for (path, resource, group) in [
      ("/api/v1/nodes", "nodes", ""),
      (
        "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "clusterrolebindings",
        "rbac.authorization.k8s.io"
      ),
      (
        "/apis/rbac.authorization.k8s.io/v1/clusterroles", "clusterroles",
        "rbac.authorization.k8s.io"
      ),
      ("/api/v1/serviceaccounts", "serviceaccounts", ""),
      ("/apis/apps/v1/deployments", "deployments", "apps"),
      ("/api/v1/pods", "pods", ""),
    ] {
      c += Int64(rng.int(500...1300)) * 1_000_000
      ids.append(
        request(
          at: c, thief, "list", "\(path)?limit=500", ref: DemoDay.ref(resource, group: group),
          level: .request, code: 403))
    }
    for ns in ["kube-system", "default", "shop", "payments"] {
      c += Int64(rng.int(900...2200)) * 1_000_000
      ids.append(
        request(
          at: c, thief, "create", "/api/v1/namespaces/\(ns)/pods?fieldManager=kubectl-run",
          ref: DemoDay.ref("pods", namespace: ns, name: "x"), level: .requestResponse, code: 403))
    }
    for ns in ["shop", "payments", "kube-system"] {
      c += Int64(rng.int(600...1200)) * 1_000_000
      ids.append(
        request(
          at: c, thief, "create",
          "/apis/rbac.authorization.k8s.io/v1/namespaces/\(ns)/rolebindings",
          ref: DemoDay.ref("rolebindings", namespace: ns, group: "rbac.authorization.k8s.io"),
          level: .requestResponse, code: 403))
    }
    attack(
      "e-stolen-token-403-burst",
      "shop/frontend's token used from 203.0.113.45: \(ids.count - 1) forbidden requests (secrets, pods, RBAC) in under two minutes",
      at: t, by: thief, ids: ids,
      rules: ["Authorization Failure Burst by User", "Authorization Failure Burst by Source IP"],
      falco: ["K8s Secret Get Unsuccessfully Tried", "Pod Created in Kube Namespace"])
  }

  mutating func passwordSpray(at t: Int64) {
    var ids: [String] = []
    var c = t
    let actor = DemoActor.unauthenticated(ip: "198.51.100.23", agent: "python-requests/2.31.0")
    for i in 0..<28 {
      let path =
        i % 3 == 0
        ? "/api/v1/namespaces/kube-system/secrets"
        : (i % 3 == 1 ? "/api/v1/pods" : "/apis/apps/v1/deployments")
      let resource = i % 3 == 0 ? "secrets" : (i % 3 == 1 ? "pods" : "deployments")
      ids.append(
        request(
          at: c, actor, "list", path,
          ref: DemoDay.ref(
            resource, namespace: i % 3 == 0 ? "kube-system" : nil, group: i % 3 == 2 ? "apps" : ""),
          code: 401))
      c += Int64(rng.int(900...2400)) * 1_000_000
    }
    attack(
      "f-401-burst", "28 requests with invalid bearer tokens from 198.51.100.23 in under a minute",
      at: t,
      by: actor, ids: ids, rules: ["Authentication Failure Burst by Source IP"], falco: [])
  }

  mutating func anonymousAccess(at t: Int64) {
    let actor = DemoActor.anonymous(ip: "198.51.100.77", agent: "curl/8.5.0")
    let id = request(
      at: t, actor, "list", "/api/v1/pods", ref: DemoDay.ref("pods"), level: .request,
      reason:
        "RBAC: allowed by ClusterRoleBinding \"temp-debug-view\" of ClusterRole \"view\" to User \"system:anonymous\"",
      latencyMillis: 30)
    attack(
      "f-anonymous-allowed",
      "Unauthenticated client listed every pod (a leftover binding grants view to system:anonymous)",
      at: t, by: actor, ids: [id], rules: ["Anonymous Request Allowed Beyond Health Endpoints"],
      falco: ["Anonymous Request Allowed"])
  }

  mutating func tokenRequest(at t: Int64) {
    let id = request(
      at: t, bob, "create", "/api/v1/namespaces/ci/serviceaccounts/deployer/token",
      ref: DemoDay.ref("serviceaccounts", namespace: "ci", name: "deployer", subresource: "token"),
      level: .request, code: 201, reason: DemoDay.bobReason,
      requestObject: [
        "kind": "TokenRequest", "apiVersion": "authentication.k8s.io/v1",
        "metadata": ["creationTimestamp": .null],
        "spec": ["audiences": .null, "expirationSeconds": 31_536_000, "boundObjectRef": .null],
        "status": ["token": "", "expirationTimestamp": .null],
      ])
    attack(
      "f-token-request",
      "A one-year token minted for the CI deployer service account (kubectl create token)", at: t,
      by: bob, ids: [id], rules: ["Service Account Token Requested Outside Kubelet"],
      falco: ["K8s Serviceaccount Created", DemoDay.disallowedUser])
  }

  mutating func clusterWideSecrets(at t: Int64) {
    let id = request(
      at: t, bob, "list", "/api/v1/secrets?limit=500", ref: DemoDay.ref("secrets"),
      reason: DemoDay.bobReason,
      latencyMillis: 60)
    attack(
      "f-cluster-wide-secret-list", "Every secret in the cluster listed (kubectl get secrets -A)",
      at: t, by: bob,
      ids: [id], rules: ["Cluster-Wide Secret Listing"], falco: [DemoDay.disallowedUser])
  }

  mutating func csrApproval(at t: Int64) {
    let name = "bob-breakglass"
    let create = request(
      at: t, bob, "create",
      "/apis/certificates.k8s.io/v1/certificatesigningrequests?fieldManager=kubectl-client-side-apply&fieldValidation=Strict",
      ref: DemoDay.ref("certificatesigningrequests", name: name, group: "certificates.k8s.io"),
      level: .request,
      code: 201, reason: DemoDay.bobReason,
      requestObject: [
        "kind": "CertificateSigningRequest", "apiVersion": "certificates.k8s.io/v1",
        "metadata": ["name": .string(name), "creationTimestamp": .null],
        "spec": [
          "request":
            "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQ1ZqQ0NBVDRDQVFBd0VURVBNQTBHQTFVRUF3d0dZbkpsWVd0bmJHRnpjekNDQVNJd0RRWUpLb1pJaHZjTgo=",
          "signerName": "kubernetes.io/kube-apiserver-client", "expirationSeconds": 31_536_000,
          "usages": ["client auth"],
        ],
        "status": [:],
      ])
    let approve = request(
      at: t + 41 * DemoTime.second, bob, "update",
      "/apis/certificates.k8s.io/v1/certificatesigningrequests/\(name)/approval",
      ref: DemoDay.ref(
        "certificatesigningrequests", name: name, group: "certificates.k8s.io",
        subresource: "approval"),
      level: .request, reason: DemoDay.bobReason,
      requestObject: [
        "kind": "CertificateSigningRequest", "apiVersion": "certificates.k8s.io/v1",
        "metadata": ["name": .string(name)],
        "status": [
          "conditions": [
            [
              "type": "Approved", "status": "True", "reason": "KubectlApprove",
              "message": "This CSR was approved by kubectl certificate approve.",
            ]
          ]
        ],
      ])
    request(
      at: t + 41 * DemoTime.second + 80_000_000, controller("certificate-controller"), "update",
      "/apis/certificates.k8s.io/v1/certificatesigningrequests/\(name)/status",
      ref: DemoDay.ref(
        "certificatesigningrequests", name: name, group: "certificates.k8s.io",
        subresource: "status"),
      reason: DemoDay.controllerReason("certificate-controller"))
    attack(
      "f-csr-approval", "A one-year client certificate requested and approved by the same human",
      at: t, by: bob,
      ids: [create, approve], rules: ["CertificateSigningRequest Approved"],
      falco: [DemoDay.disallowedUser])
  }

  mutating func impersonation(at t: Int64) {
    let target = "system:serviceaccount:payments:reporting"
    let id = request(
      at: t, alice, "get", "/api/v1/namespaces/payments/secrets/payments-db",
      ref: DemoDay.ref("secrets", namespace: "payments", name: "payments-db"),
      reason:
        "RBAC: allowed by RoleBinding \"reporting/payments\" of Role \"reporting\" to ServiceAccount \"reporting/payments\"",
      impersonated: [
        "username": .string(target),
        "groups": [
          "system:serviceaccounts", "system:serviceaccounts:payments", "system:authenticated",
        ],
      ])
    attack(
      "f-impersonation",
      "A payments secret read while impersonating the reporting service account (--as)", at: t,
      by: alice, ids: [id], rules: ["Impersonated Request"],
      falco: ["K8s Secret Get Successfully", DemoDay.disallowedUser])
  }
}
