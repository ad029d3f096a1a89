/// The attacks woven into the day, each complete with every stage the API server logs.
extension DemoDay {
  /// Records an attack.
  mutating func attack(
    _ id: String, _ summary: String, at t: Int64, by actor: DemoActor, ids: [String],
    rules: [String],
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
    _ actor: DemoActor, reason: String, at t: Int64, namespace: String, pod: String,
    container: String,
    command: [String], tty: Bool, seconds: Int64
  ) -> String {
    var query = command.map { "command=\(DemoDay.queryEscape($0))" }
    query.append("container=\(container)")
    query += tty ? ["stdin=true", "stdout=true", "tty=true"] : ["stderr=true", "stdout=true"]
    return request(
      at: t, actor, "get",
      "/api/v1/namespaces/\(namespace)/pods/\(pod)/exec?" + query.joined(separator: "&"),
      ref: DemoDay.ref("pods", namespace: namespace, name: pod, subresource: "exec"), code: 101,
      reason: reason, startedAfter: Int64(rng.int(20...60)) * 1_000_000,
      latency: seconds * DemoTime.second)
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
      alice, reason: DemoDay.aliceReason, at: t, namespace: "shop", pod: pod.name,
      container: "checkout",
      command: ["bash"], tty: true, seconds: 11 * 60 + 24)
    attack(
      "a-exec-shell", "Interactive shell (bash) opened in a payment-path pod by a human", at: t,
      by: alice,
      ids: [shell], rules: ["Exec or Attach Into Pod by Human"],
      falco: ["Attach/Exec Pod", DemoDay.disallowedUser])
    let t2 = t + 3 * DemoTime.minute + 12 * DemoTime.second
    let install = exec(
      alice, reason: DemoDay.aliceReason, at: t2, namespace: "shop", pod: pod.name,
      container: "checkout",
      command: ["apt-get", "install", "-y", "nmap"], tty: false, seconds: 38)
    attack(
      "a-exec-package-install", "Network scanner installed with apt-get through exec", at: t2,
      by: alice,
      ids: [install], rules: ["Exec or Attach Into Pod by Human", "Package Manager Run via Exec"],
      falco: ["Attach/Exec Pod", DemoDay.disallowedUser])
  }

  mutating func bindClusterAdmin(at t: Int64) {
    let name = "reporting-admin"
    let body: DemoJSON = [
      "kind": "ClusterRoleBinding", "apiVersion": "rbac.authorization.k8s.io/v1",
      "metadata": ["name": .string(name), "creationTimestamp": .null],
      "subjects": [["kind": "ServiceAccount", "name": "reporting", "namespace": "payments"]],
      "roleRef": [
        "apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin",
      ],
    ]
    let stored = body.setting(
      "metadata",
      DemoObjects.metadata(
        name: name, namespace: nil, labels: [], stored: (rng.uuid(), nextRV(), t, "kubectl-create"))
    )
    let id = request(
      at: t, bob, "create",
      "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings?fieldManager=kubectl-create&fieldValidation=Strict",
      ref: DemoDay.ref("clusterrolebindings", name: name, group: "rbac.authorization.k8s.io"),
      level: .requestResponse, code: 201, reason: DemoDay.bobReason, latencyMillis: 7,
      requestObject: body, responseObject: stored)
    attack(
      "b-clusterrolebinding-cluster-admin",
      "cluster-admin bound to the payments/reporting service account",
      at: t, by: bob, ids: [id],
      rules: ["RBAC Object Changed", "Binding to Privileged ClusterRole"],
      falco: [
        "Attach to cluster-admin Role", "K8s ClusterRoleBinding Created", DemoDay.disallowedUser,
      ])
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
      failure: [
        "status": "Failure", "message": "pods \"\(name)\" not found", "reason": "NotFound",
        "details": ["name": .string(name), "kind": "pods"],
      ])
    let stored = DemoObjects.metadata(
      name: name, namespace: "default", labels: [],
      stored: (uid, nextRV(), t, "kubectl-client-side-apply"),
      annotations: [("kubectl.kubernetes.io/last-applied-configuration", .string(applied + "\n"))])
    let create = request(
      at: t + 45_000_000, bob, "create",
      "/api/v1/namespaces/default/pods?fieldManager=kubectl-client-side-apply&fieldValidation=Strict",
      ref: DemoDay.ref("pods", namespace: "default", name: name), level: .requestResponse,
      code: 201,
      reason: DemoDay.bobReason, latencyMillis: 11,
      requestObject: DemoObjects.pod(metadata: meta, spec: spec),
      responseObject: DemoObjects.pod(
        metadata: stored,
        spec: DemoObjects.admitted(spec, volume: "kube-api-access-\(rng.podSuffix())"),
        phase: "Pending"),
      annotations: [("pod-security.kubernetes.io/enforce-policy", "privileged:latest")])
    let node = cluster.nodes[1]
    let schedulerReason =
      "RBAC: allowed by ClusterRoleBinding \"system:kube-scheduler\" of ClusterRole \"system:kube-scheduler\" to User \"system:kube-scheduler\""
    request(
      at: t + 70_000_000, scheduler, "create", "/api/v1/namespaces/default/pods/\(name)/binding",
      ref: DemoDay.ref("pods", namespace: "default", name: name, subresource: "binding"),
      level: .request,
      code: 201, reason: schedulerReason,
      requestObject: [
        "kind": "Binding", "apiVersion": "v1",
        "metadata": [
          "name": .string(name), "namespace": "default", "uid": .string(uid),
          "creationTimestamp": .null,
        ],
        "target": ["kind": "Node", "name": .string(node.name)],
      ])
    request(
      at: t + 2_400_000_000, kubelet(node), "patch",
      "/api/v1/namespaces/default/pods/\(name)/status",
      ref: DemoDay.ref("pods", namespace: "default", name: name, subresource: "status"))
    attack(
      "c-privileged-pod",
      "Privileged hostPID pod from Docker Hub (alpine:latest) mounting the node's / in default",
      at: t, by: bob, ids: [get, create],
      rules: [
        "Privileged Workload Created", "Host Network or HostPath Workload Created",
        "Image From Public Registry",
      ],
      falco: [
        "Create Privileged Pod", "Create HostPid Pod", "Create Sensitive Mount Pod",
        DemoDay.disallowedUser,
      ])
    let escape = exec(
      bob, reason: DemoDay.bobReason, at: t + 40 * DemoTime.second, namespace: "default", pod: name,
      container: "debug", command: ["chroot", "/host", "bash"], tty: true, seconds: 6 * 60 + 3)
    attack(
      "c-privileged-pod-exec", "Shell on the node through the privileged pod (chroot /host bash)",
      at: t + 40 * DemoTime.second, by: bob, ids: [escape],
      rules: ["Exec or Attach Into Pod by Human"],
      falco: ["Attach/Exec Pod", DemoDay.disallowedUser])
  }

  mutating func nodePortService(at t: Int64) {
    let name = "checkout-debug"
    let body: DemoJSON = [
      "kind": "Service", "apiVersion": "v1",
      "metadata": [
        "name": .string(name), "namespace": "shop", "creationTimestamp": .null,
        "labels": ["app.kubernetes.io/name": "checkout"],
      ],
      "spec": [
        "ports": [["protocol": "TCP", "port": 8080, "targetPort": 8080]],
        "selector": ["app.kubernetes.io/name": "checkout"], "type": "NodePort",
      ],
      "status": ["loadBalancer": [:]],
    ]
    let clusterIP = "10.96.\(rng.int(1...250)).\(rng.int(2...250))"
    let response = body.setting(
      "metadata",
      DemoObjects.metadata(
        name: name, namespace: "shop", labels: [("app.kubernetes.io/name", "checkout")],
        stored: (rng.uuid(), nextRV(), t, "kubectl-expose"))
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
      ref: DemoDay.ref("deployments", namespace: "shop", name: "checkout", group: "apps"),
      level: .request,
      reason: DemoDay.bobReason)
    let id = request(
      at: t + 60_000_000, bob, "create",
      "/api/v1/namespaces/shop/services?fieldManager=kubectl-expose&fieldValidation=Strict",
      ref: DemoDay.ref("services", namespace: "shop", name: name), level: .requestResponse,
      code: 201,
      reason: DemoDay.bobReason, latencyMillis: 10, requestObject: body, responseObject: response)
    attack(
      "d-nodeport-service",
      "checkout exposed on every node with a NodePort Service (kubectl expose)", at: t,
      by: bob, ids: [get, id], rules: ["NodePort or LoadBalancer Service Created"],
      falco: ["Create NodePort Service", "K8s Service Created", DemoDay.disallowedUser])
  }
}
