/// The attacks woven into the day, each complete with every stage the API server logs.
extension DemoDay {
  /// Records an attack.
  mutating func attack(
    _ id: String, _ summary: String, at t: Int64, by actor: DemoActor, ids: [String], rules: [String],
    falco: [String]
  ) {
    attacks.append(
      DemoAttack(
        id: id, summary: summary, time: DemoTime.rfc3339(t), user: actor.username, auditIDs: ids,
        rules: rules, falcoRules: falco))
  }

  /// Falco's catch-all for humans outside `allowed_k8s_users`.
  static let disallowedUser = "Disallowed K8s User"

  /// An exec as kubectl 1.30 sends it (WebSocket upgrade, so the verb is `get`).
  mutating func exec(
    _ actor: DemoActor, reason: String, at t: Int64, namespace: String, pod: String, container: String,
    command: [String], tty: Bool, seconds: Int64
  ) -> String {
    var query = command.map { "command=\(DemoDay.queryEscape($0))" }
    query.append("container=\(container)")
    query += tty ? ["stdin=true", "stdout=true", "tty=true"] : ["stderr=true", "stdout=true"]
    return request(
      at: t, actor, "get", "/api/v1/namespaces/\(namespace)/pods/\(pod)/exec?" + query.joined(separator: "&"),
      ref: DemoDay.ref("pods", namespace: namespace, name: pod, subresource: "exec"), code: 101,
      reason: reason, startedAfter: Int64(rng.int(20...60)) * 1_000_000, latency: seconds * DemoTime.second)
  }

  /// Percent-encodes a query value the way Go's `url.Values` does.
  static func queryEscape(_ s: String) -> String {
    var out = ""
    for c in s.unicodeScalars {
      switch c {
      case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "~": out.unicodeScalars.append(c)
      case " ": out += "+"
      default:
        for b in String(c).utf8 {
          let hex = Array("0123456789ABCDEF")
          out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 0xF)])
        }
      }
    }
    return out
  }

  /// All attacks, at fixed times of the day (skipped when outside the window).
  mutating func weaveAttacks() {
    let h = DemoTime.hour
    let m = DemoTime.minute
    let start = self.start + Int64(rng.int(100...900)) * 1_000_000
    stolenTokenBurst(at: start + 2 * h + 13 * m + 7 * DemoTime.second)
    passwordSpray(at: start + 4 * h + 40 * m + 12 * DemoTime.second)
    anonymousAccess(at: start + 5 * h + 31 * m + 44 * DemoTime.second)
    execIntoCheckout(at: start + 9 * h + 12 * m + 3 * DemoTime.second)
    bindClusterAdmin(at: start + 11 * h + 20 * m + 31 * DemoTime.second)
    privilegedPod(at: start + 13 * h + 2 * m + 9 * DemoTime.second)
    nodePortService(at: start + 14 * h + 30 * m + 52 * DemoTime.second)
    manualImageChange(at: start + 15 * h + 10 * m + 18 * DemoTime.second)
    portForward(at: start + 16 * h + 45 * m + 5 * DemoTime.second)
    tokenRequest(at: start + 17 * h + 20 * m + 40 * DemoTime.second)
    clusterWideSecrets(at: start + 18 * h + 40 * m + 2 * DemoTime.second)
    nodeProxy(at: start + 19 * h + 5 * m + 33 * DemoTime.second)
    csrApproval(at: start + 20 * h + 5 * m + 14 * DemoTime.second)
    webhookDeleted(at: start + 20 * h + 48 * m + 9 * DemoTime.second)
    eventsDeleted(at: start + 21 * h + 30 * m + 27 * DemoTime.second)
    impersonation(at: start + 22 * h + 15 * m + 50 * DemoTime.second)
  }

  mutating func execIntoCheckout(at t: Int64) {
    guard let w = cluster.workload("shop", "checkout"), let pod = w.pods.first else { return }
    let shell = exec(
      alice, reason: DemoDay.aliceReason, at: t, namespace: "shop", pod: pod.name, container: "checkout",
      command: ["bash"], tty: true, seconds: 11 * 60 + 24)
    attack(
      "a-exec-shell", "Interactive shell (bash) opened in a payment-path pod by a human", at: t, by: alice,
      ids: [shell], rules: ["Exec or Attach Into Pod by Human"], falco: ["Attach/Exec Pod", DemoDay.disallowedUser])
    let t2 = t + 3 * DemoTime.minute + 12 * DemoTime.second
    let install = exec(
      alice, reason: DemoDay.aliceReason, at: t2, namespace: "shop", pod: pod.name, container: "checkout",
      command: ["apt-get", "install", "-y", "nmap"], tty: false, seconds: 38)
    attack(
      "a-exec-package-install", "Network scanner installed with apt-get through exec", at: t2, by: alice,
      ids: [install], rules: ["Exec or Attach Into Pod by Human", "Package Manager Run via Exec"],
      falco: ["Attach/Exec Pod", DemoDay.disallowedUser])
  }

  mutating func bindClusterAdmin(at t: Int64) {
    let name = "reporting-admin"
    let body: DemoJSON = [
      "kind": "ClusterRoleBinding", "apiVersion": "rbac.authorization.k8s.io/v1",
      "metadata": ["name": .string(name), "creationTimestamp": .null],
      "subjects": [["kind": "ServiceAccount", "name": "reporting", "namespace": "payments"]],
      "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"],
    ]
    let stored = body.setting(
      "metadata",
      DemoObjects.metadata(name: name, namespace: nil, labels: [], stored: (rng.uuid(), nextRV(), t, "kubectl-create")))
    let id = request(
      at: t, bob, "create",
      "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings?fieldManager=kubectl-create&fieldValidation=Strict",
      ref: DemoDay.ref("clusterrolebindings", name: name, group: "rbac.authorization.k8s.io"),
      level: .requestResponse, code: 201, reason: DemoDay.bobReason, latencyMillis: 7,
      requestObject: body, responseObject: stored)
    attack(
      "b-clusterrolebinding-cluster-admin", "cluster-admin bound to the payments/reporting service account",
      at: t, by: bob, ids: [id], rules: ["RBAC Object Changed", "Binding to Privileged ClusterRole"],
      falco: ["Attach to cluster-admin Role", "K8s ClusterRoleBinding Created", DemoDay.disallowedUser])
  }

  mutating func privilegedPod(at t: Int64) {
    let name = "node-debugger"
    let applied =
      #"{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"node-debugger","namespace":"default"},"spec":{"containers":[{"command":["sleep","infinity"],"image":"alpine:latest","name":"debug","securityContext":{"privileged":true},"volumeMounts":[{"mountPath":"/host","name":"host-root"}]}],"hostPID":true,"volumes":[{"hostPath":{"path":"/"},"name":"host-root"}]}}"#
    let spec: DemoJSON = [
      "volumes": [["name": "host-root", "hostPath": ["path": "/", "type": ""]]],
      "containers": [
        [
          "name": "debug", "image": "alpine:latest", "command": ["sleep", "infinity"],
          "resources": [:], "volumeMounts": [["name": "host-root", "mountPath": "/host"]],
          "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
          "imagePullPolicy": "Always", "securityContext": ["privileged": true],
        ]
      ],
      "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
      "hostPID": true, "securityContext": [:], "schedulerName": "default-scheduler",
    ]
    let meta = DemoObjects.metadata(
      name: name, namespace: "default", labels: [],
      annotations: [("kubectl.kubernetes.io/last-applied-configuration", .string(applied + "\n"))])
    let uid = rng.uuid()
    let get = request(
      at: t, bob, "get", "/api/v1/namespaces/default/pods/\(name)",
      ref: DemoDay.ref("pods", namespace: "default", name: name), level: .request, code: 404,
      reason: DemoDay.bobReason,
      failure: ["status": "Failure", "message": "pods \"\(name)\" not found", "reason": "NotFound", "details": ["name": .string(name), "kind": "pods"]])
    let stored = DemoObjects.metadata(
      name: name, namespace: "default", labels: [], stored: (uid, nextRV(), t, "kubectl-client-side-apply"),
      annotations: [("kubectl.kubernetes.io/last-applied-configuration", .string(applied + "\n"))])
    let create = request(
      at: t + 45_000_000, bob, "create",
      "/api/v1/namespaces/default/pods?fieldManager=kubectl-client-side-apply&fieldValidation=Strict",
      ref: DemoDay.ref("pods", namespace: "default", name: name), level: .requestResponse, code: 201,
      reason: DemoDay.bobReason, latencyMillis: 11,
      requestObject: DemoObjects.pod(metadata: meta, spec: spec),
      responseObject: DemoObjects.pod(
        metadata: stored, spec: DemoObjects.admitted(spec, volume: "kube-api-access-\(rng.podSuffix())"),
        phase: "Pending"),
      annotations: [("pod-security.kubernetes.io/enforce-policy", "privileged:latest")])
    let node = cluster.nodes[1]
    let schedulerReason =
      "RBAC: allowed by ClusterRoleBinding \"system:kube-scheduler\" of ClusterRole \"system:kube-scheduler\" to User \"system:kube-scheduler\""
    request(
      at: t + 70_000_000, scheduler, "create", "/api/v1/namespaces/default/pods/\(name)/binding",
      ref: DemoDay.ref("pods", namespace: "default", name: name, subresource: "binding"), level: .request,
      code: 201, reason: schedulerReason,
      requestObject: [
        "kind": "Binding", "apiVersion": "v1",
        "metadata": ["name": .string(name), "namespace": "default", "uid": .string(uid), "creationTimestamp": .null],
        "target": ["kind": "Node", "name": .string(node.name)],
      ])
    request(
      at: t + 2_400_000_000, kubelet(node), "patch", "/api/v1/namespaces/default/pods/\(name)/status",
      ref: DemoDay.ref("pods", namespace: "default", name: name, subresource: "status"))
    attack(
      "c-privileged-pod", "Privileged hostPID pod from Docker Hub (alpine:latest) mounting the node's / in default",
      at: t, by: bob, ids: [get, create],
      rules: ["Privileged Workload Created", "Host Network or HostPath Workload Created", "Image From Public Registry"],
      falco: [
        "Create Privileged Pod", "Create HostPid Pod", "Create Sensitive Mount Pod", "Create Disallowed Pod",
        DemoDay.disallowedUser,
      ])
    let escape = exec(
      bob, reason: DemoDay.bobReason, at: t + 40 * DemoTime.second, namespace: "default", pod: name,
      container: "debug", command: ["chroot", "/host", "bash"], tty: true, seconds: 6 * 60 + 3)
    attack(
      "c-privileged-pod-exec", "Shell on the node through the privileged pod (chroot /host bash)",
      at: t + 40 * DemoTime.second, by: bob, ids: [escape], rules: ["Exec or Attach Into Pod by Human"],
      falco: ["Attach/Exec Pod", DemoDay.disallowedUser])
  }

  mutating func nodePortService(at t: Int64) {
    let name = "checkout-debug"
    let body: DemoJSON = [
      "kind": "Service", "apiVersion": "v1",
      "metadata": ["name": .string(name), "namespace": "shop", "creationTimestamp": .null, "labels": ["app.kubernetes.io/name": "checkout"]],
      "spec": [
        "ports": [["protocol": "TCP", "port": 8080, "targetPort": 8080]],
        "selector": ["app.kubernetes.io/name": "checkout"], "type": "NodePort",
      ],
      "status": ["loadBalancer": [:]],
    ]
    let clusterIP = "10.96.\(rng.int(1...250)).\(rng.int(2...250))"
    let response = body.setting(
      "metadata",
      DemoObjects.metadata(name: name, namespace: "shop", labels: [("app.kubernetes.io/name", "checkout")], stored: (rng.uuid(), nextRV(), t, "kubectl-expose"))
    ).setting(
      "spec",
      [
        "ports": [["protocol": "TCP", "port": 8080, "targetPort": 8080, "nodePort": 31847]],
        "selector": ["app.kubernetes.io/name": "checkout"], "clusterIP": .string(clusterIP),
        "clusterIPs": [.string(clusterIP)], "type": "NodePort", "sessionAffinity": "None",
        "externalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
        "internalTrafficPolicy": "Cluster",
      ])
    let get = request(
      at: t, bob, "get", "/apis/apps/v1/namespaces/shop/deployments/checkout",
      ref: DemoDay.ref("deployments", namespace: "shop", name: "checkout", group: "apps"), level: .request,
      reason: DemoDay.bobReason)
    let id = request(
      at: t + 60_000_000, bob, "create", "/api/v1/namespaces/shop/services?fieldManager=kubectl-expose&fieldValidation=Strict",
      ref: DemoDay.ref("services", namespace: "shop", name: name), level: .requestResponse, code: 201,
      reason: DemoDay.bobReason, latencyMillis: 10, requestObject: body, responseObject: response)
    attack(
      "d-nodeport-service", "checkout exposed on every node with a NodePort Service (kubectl expose)", at: t,
      by: bob, ids: [get, id], rules: ["NodePort or LoadBalancer Service Created"],
      falco: ["Create NodePort Service", "K8s Service Created", DemoDay.disallowedUser])
  }

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
        reason: "RBAC: allowed by ClusterRoleBinding \"system:basic-user\" of ClusterRole \"system:basic-user\" to Group \"system:authenticated\""))
    c += 1_800_000_000
    ids.append(request(at: c, thief, "list", "/api/v1/secrets?limit=500", ref: DemoDay.ref("secrets"), level: .metadata, code: 403))
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
      ("/api/v1/nodes", "nodes", ""), ("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "clusterrolebindings", "rbac.authorization.k8s.io"),
      ("/apis/rbac.authorization.k8s.io/v1/clusterroles", "clusterroles", "rbac.authorization.k8s.io"),
      ("/api/v1/serviceaccounts", "serviceaccounts", ""), ("/apis/apps/v1/deployments", "deployments", "apps"),
      ("/api/v1/pods", "pods", ""),
    ] {
      c += Int64(rng.int(500...1300)) * 1_000_000
      ids.append(request(at: c, thief, "list", "\(path)?limit=500", ref: DemoDay.ref(resource, group: group), level: .request, code: 403))
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
          at: c, thief, "create", "/apis/rbac.authorization.k8s.io/v1/namespaces/\(ns)/rolebindings",
          ref: DemoDay.ref("rolebindings", namespace: ns, group: "rbac.authorization.k8s.io"),
          level: .requestResponse, code: 403))
    }
    attack(
      "e-stolen-token-403-burst",
      "shop/frontend's token used from 203.0.113.45: \(ids.count - 1) forbidden requests (secrets, pods, RBAC) in under two minutes",
      at: t, by: thief, ids: ids,
      rules: ["Authorization Failure Burst by User", "Authorization Failure Burst by Source IP"],
      falco: ["K8s Secret Get Unsuccessfully Tried", "Create Disallowed Pod", "Pod Created in Kube Namespace"])
  }

  mutating func passwordSpray(at t: Int64) {
    var ids: [String] = []
    var c = t
    let actor = DemoActor.unauthenticated(ip: "198.51.100.23", agent: "python-requests/2.31.0")
    for i in 0..<28 {
      let path = i % 3 == 0 ? "/api/v1/namespaces/kube-system/secrets" : (i % 3 == 1 ? "/api/v1/pods" : "/apis/apps/v1/deployments")
      let resource = i % 3 == 0 ? "secrets" : (i % 3 == 1 ? "pods" : "deployments")
      ids.append(
        request(
          at: c, actor, "list", path,
          ref: DemoDay.ref(resource, namespace: i % 3 == 0 ? "kube-system" : nil, group: i % 3 == 2 ? "apps" : ""),
          code: 401))
      c += Int64(rng.int(900...2400)) * 1_000_000
    }
    attack(
      "f-401-burst", "28 requests with invalid bearer tokens from 198.51.100.23 in under a minute", at: t,
      by: actor, ids: ids, rules: ["Authentication Failure Burst by Source IP"], falco: [])
  }

  mutating func anonymousAccess(at t: Int64) {
    let actor = DemoActor.anonymous(ip: "198.51.100.77", agent: "curl/8.5.0")
    let id = request(
      at: t, actor, "list", "/api/v1/pods", ref: DemoDay.ref("pods"), level: .request,
      reason: "RBAC: allowed by ClusterRoleBinding \"temp-debug-view\" of ClusterRole \"view\" to User \"system:anonymous\"",
      latencyMillis: 30)
    attack(
      "f-anonymous-allowed", "Unauthenticated client listed every pod (a leftover binding grants view to system:anonymous)",
      at: t, by: actor, ids: [id], rules: ["Anonymous Request Allowed Beyond Health Endpoints"],
      falco: ["Anonymous Request Allowed"])
  }

  mutating func manualImageChange(at t: Int64) {
    guard let index = cluster.index("shop", "checkout") else { return }
    let w = cluster.workloads[index]
    let image = "registry.example.com/shop/checkout:debug"
    let id = request(
      at: t, bob, "patch", "/apis/apps/v1/namespaces/shop/deployments/checkout?fieldManager=kubectl-set",
      ref: DemoDay.ref("deployments", namespace: "shop", name: "checkout", group: "apps"),
      level: .requestResponse, reason: DemoDay.bobReason, latencyMillis: 12,
      requestObject: DemoObjects.imagePatch(container: "checkout", image: image),
      responseObject: DemoObjects.deployment(w, image: image, rv: nextRV(), at: t, generation: 38))
    rollout(index, image: image, at: t + 25_000_000)
    attack(
      "f-manual-image-change", "kubectl set image on shop/checkout by a human, bypassing the CI deployer", at: t,
      by: bob, ids: [id], rules: ["Workload Image Changed by Non-Service-Account"], falco: [DemoDay.disallowedUser])
  }

  mutating func portForward(at t: Int64) {
    guard let pod = cluster.workload("payments", "postgres")?.pods.first else { return }
    let svc = request(
      at: t, alice, "get", "/api/v1/namespaces/payments/services/postgres",
      ref: DemoDay.ref("services", namespace: "payments", name: "postgres"), level: .request,
      reason: DemoDay.aliceReason)
    let list = request(
      at: t + 20_000_000, alice, "list", "/api/v1/namespaces/payments/pods?labelSelector=app.kubernetes.io%2Fname%3Dpostgres",
      ref: DemoDay.ref("pods", namespace: "payments"), level: .request, reason: DemoDay.aliceReason)
    let pf = request(
      at: t + 60_000_000, alice, "create", "/api/v1/namespaces/payments/pods/\(pod.name)/portforward",
      ref: DemoDay.ref("pods", namespace: "payments", name: pod.name, subresource: "portforward"), code: 101,
      reason: DemoDay.aliceReason, startedAfter: 31_000_000, latency: 23 * DemoTime.minute + 7 * DemoTime.second)
    attack(
      "f-port-forward", "Port-forward to the payments database (postgres-0:5432) from a laptop", at: t, by: alice,
      ids: [svc, list, pf], rules: ["Port-Forward by Human"], falco: ["port-forward", DemoDay.disallowedUser])
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
      "f-token-request", "A one-year token minted for the CI deployer service account (kubectl create token)", at: t,
      by: bob, ids: [id], rules: ["Service Account Token Requested by Human"], falco: [DemoDay.disallowedUser])
  }

  mutating func clusterWideSecrets(at t: Int64) {
    let id = request(
      at: t, bob, "list", "/api/v1/secrets?limit=500", ref: DemoDay.ref("secrets"), reason: DemoDay.bobReason,
      latencyMillis: 60)
    attack(
      "f-cluster-wide-secret-list", "Every secret in the cluster listed (kubectl get secrets -A)", at: t, by: bob,
      ids: [id], rules: ["Cluster-Wide Secret Listing"], falco: [DemoDay.disallowedUser])
  }

  mutating func nodeProxy(at t: Int64) {
    let node = cluster.nodes[1].name
    let id = request(
      at: t, bob, "get", "/api/v1/nodes/\(node)/proxy/runningpods/",
      ref: DemoDay.ref("nodes", name: node, subresource: "proxy"), reason: DemoDay.bobReason, latencyMillis: 25)
    attack(
      "f-nodes-proxy", "Kubelet API reached through the API server's nodes/proxy", at: t, by: bob, ids: [id],
      rules: ["Kubelet API Accessed via nodes/proxy"], falco: [DemoDay.disallowedUser])
  }

  mutating func csrApproval(at t: Int64) {
    let name = "bob-breakglass"
    let create = request(
      at: t, bob, "create", "/apis/certificates.k8s.io/v1/certificatesigningrequests?fieldManager=kubectl-client-side-apply&fieldValidation=Strict",
      ref: DemoDay.ref("certificatesigningrequests", name: name, group: "certificates.k8s.io"), level: .request,
      code: 201, reason: DemoDay.bobReason,
      requestObject: [
        "kind": "CertificateSigningRequest", "apiVersion": "certificates.k8s.io/v1",
        "metadata": ["name": .string(name), "creationTimestamp": .null],
        "spec": [
          "request": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQ1ZqQ0NBVDRDQVFBd0VURVBNQTBHQTFVRUF3d0dZbkpsWVd0bmJHRnpjekNDQVNJd0RRWUpLb1pJaHZjTgo=",
          "signerName": "kubernetes.io/kube-apiserver-client", "expirationSeconds": 31_536_000,
          "usages": ["client auth"],
        ],
        "status": [:],
      ])
    let approve = request(
      at: t + 41 * DemoTime.second, bob, "update",
      "/apis/certificates.k8s.io/v1/certificatesigningrequests/\(name)/approval",
      ref: DemoDay.ref("certificatesigningrequests", name: name, group: "certificates.k8s.io", subresource: "approval"),
      level: .request, reason: DemoDay.bobReason,
      requestObject: [
        "kind": "CertificateSigningRequest", "apiVersion": "certificates.k8s.io/v1",
        "metadata": ["name": .string(name)],
        "status": ["conditions": [["type": "Approved", "status": "True", "reason": "KubectlApprove", "message": "This CSR was approved by kubectl certificate approve."]]],
      ])
    request(
      at: t + 41 * DemoTime.second + 80_000_000, controller("certificate-controller"), "update",
      "/apis/certificates.k8s.io/v1/certificatesigningrequests/\(name)/status",
      ref: DemoDay.ref("certificatesigningrequests", name: name, group: "certificates.k8s.io", subresource: "status"),
      reason: DemoDay.controllerReason("certificate-controller"))
    attack(
      "f-csr-approval", "A one-year client certificate requested and approved by the same human", at: t, by: bob,
      ids: [create, approve], rules: ["CertificateSigningRequest Approved"], falco: [DemoDay.disallowedUser])
  }

  mutating func webhookDeleted(at t: Int64) {
    let name = "policy-enforcer"
    let id = request(
      at: t, bob, "delete", "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/\(name)",
      ref: DemoDay.ref("validatingwebhookconfigurations", name: name, group: "admissionregistration.k8s.io"),
      level: .requestResponse, reason: DemoDay.bobReason,
      requestObject: ["kind": "DeleteOptions", "apiVersion": "admissionregistration.k8s.io/v1", "propagationPolicy": "Background"],
      responseObject: ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "details": ["name": .string(name), "group": "admissionregistration.k8s.io", "kind": "validatingwebhookconfigurations", "uid": .string(rng.uuid())]])
    attack(
      "f-webhook-deleted", "The policy-enforcer validating admission webhook deleted", at: t, by: bob, ids: [id],
      rules: ["Admission Webhook Configuration Changed"], falco: [DemoDay.disallowedUser])
  }

  mutating func eventsDeleted(at t: Int64) {
    let id = request(
      at: t, bob, "deletecollection", "/api/v1/namespaces/default/events",
      ref: DemoDay.ref("events", namespace: "default"), reason: DemoDay.bobReason, latencyMillis: 35)
    attack(
      "f-events-deleted", "All events in default deleted (kubectl delete events --all), hiding the debugger pod's trail",
      at: t, by: bob, ids: [id], rules: ["Kubernetes Events Deleted"], falco: [DemoDay.disallowedUser])
  }

  mutating func impersonation(at t: Int64) {
    let target = "system:serviceaccount:payments:reporting"
    let id = request(
      at: t, alice, "get", "/api/v1/namespaces/payments/secrets/payments-db",
      ref: DemoDay.ref("secrets", namespace: "payments", name: "payments-db"),
      reason: "RBAC: allowed by RoleBinding \"reporting/payments\" of Role \"reporting\" to ServiceAccount \"reporting/payments\"",
      impersonated: [
        "username": .string(target),
        "groups": ["system:serviceaccounts", "system:serviceaccounts:payments", "system:authenticated"],
      ])
    attack(
      "f-impersonation", "A payments secret read while impersonating the reporting service account (--as)", at: t,
      by: alice, ids: [id], rules: ["Impersonated Request"],
      falco: ["K8s Secret Get Successfully", DemoDay.disallowedUser])
  }
}
