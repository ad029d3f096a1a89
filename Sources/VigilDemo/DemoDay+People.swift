/// Benign human and CI/CD activity: SREs reading the cluster, Argo CD and Helm deploying.
extension DemoDay {
  /// One read-only `kubectl` command; returns its audit IDs.
  @discardableResult
  mutating func kubectlRead(_ actor: DemoActor, reason: String, at t: Int64, kind: Int) -> [String]
  {
    let w = rng.pick(cluster.workloads.filter { $0.namespace != "kube-system" })
    let ns = w.namespace
    let pod = rng.pick(w.pods)
    switch kind % 6 {
    case 0:
      return [
        request(
          at: t, actor, "list", "/api/v1/namespaces/\(ns)/pods?limit=500",
          ref: DemoDay.ref("pods", namespace: ns), level: .request, reason: reason,
          latencyMillis: 12)
      ]
    case 1:
      let a = request(
        at: t, actor, "get", "/api/v1/namespaces/\(ns)/pods/\(pod.name)",
        ref: DemoDay.ref("pods", namespace: ns, name: pod.name), level: .request, reason: reason)
      let b = request(
        at: t + 30_000_000, actor, "list",
        "/api/v1/namespaces/\(ns)/events?fieldSelector=involvedObject.name%3D\(pod.name)%2CinvolvedObject.namespace%3D\(ns)%2CinvolvedObject.uid%3D\(pod.uid)&limit=500",
        ref: DemoDay.ref("events", namespace: ns), level: .request, reason: reason, latencyMillis: 9
      )
      return [a, b]
    case 2, 3:
      let a = request(
        at: t, actor, "get", "/api/v1/namespaces/\(ns)/pods/\(pod.name)",
        ref: DemoDay.ref("pods", namespace: ns, name: pod.name), level: .request, reason: reason)
      let b = request(
        at: t + 25_000_000, actor, "get",
        "/api/v1/namespaces/\(ns)/pods/\(pod.name)/log?container=\(w.name)&tailLines=200",
        ref: DemoDay.ref("pods", namespace: ns, name: pod.name, subresource: "log"), reason: reason,
        latencyMillis: 40)
      return [a, b]
    case 4:
      return [
        request(
          at: t, actor, "list", "/apis/apps/v1/namespaces/\(ns)/deployments?limit=500",
          ref: DemoDay.ref("deployments", namespace: ns, group: "apps"), level: .request,
          reason: reason,
          latencyMillis: 8)
      ]
    default:
      return [
        request(
          at: t, actor, "list", "/api/v1/nodes?limit=500", ref: DemoDay.ref("nodes"),
          level: .request,
          reason: reason, latencyMillis: 10)
      ]
    }
  }

  /// Alice and Bob reading the cluster during working hours.
  mutating func humans() {
    for (actor, reason, from, to, gap) in [
      (alice, DemoDay.aliceReason, 8, 18, 25...50), (bob, DemoDay.bobReason, 9, 19, 35...80),
    ] {
      var t = start + Int64(from) * DemoTime.hour + Int64(rng.int(0...1200)) * DemoTime.second
      while t < min(end, start + Int64(to) * DemoTime.hour) {
        let commands = max(1, Int(Double(rng.int(2...6)) * min(scale, 4)))
        var c = t
        for _ in 0..<commands {
          kubectlRead(actor, reason: reason, at: c, kind: rng.int(0...5))
          c += Int64(rng.int(4...90)) * DemoTime.second
        }
        t += Int64(Double(rng.int(gap) * 60) / max(scale, 0.01)) * DemoTime.second
      }
    }
    // Alice tries to read a payments secret she may not see, once.
    let t = start + 10 * DemoTime.hour + 47 * DemoTime.minute
    request(
      at: t, alice, "get", "/api/v1/namespaces/payments/secrets/payments-db",
      ref: DemoDay.ref("secrets", namespace: "payments", name: "payments-db"), code: 403)
  }

  /// Argo CD syncing a new image tag from the company registry, then the rollout.
  mutating func argoSync(
    _ namespace: String, _ name: String, tag: String, at t: Int64, via actor: DemoActor? = nil
  ) {
    guard let index = cluster.index(namespace, name) else { return }
    let w = cluster.workloads[index]
    let image = "\(w.image):\(tag)"
    let rv = nextRV()
    let who = actor ?? argocd
    let manager = who.userAgent.hasPrefix("helm") ? "helm" : "argocd-controller"
    request(
      at: t, who, "patch",
      "/apis/apps/v1/namespaces/\(namespace)/deployments/\(name)?fieldManager=\(manager)",
      ref: DemoDay.ref("deployments", namespace: namespace, name: name, group: "apps"),
      level: .requestResponse, reason: DemoDay.deployerReason(namespace), latencyMillis: 14,
      requestObject: DemoObjects.imagePatch(container: name, image: image),
      responseObject: DemoObjects.deployment(
        w, image: image, rv: rv, at: t, generation: Int64(rng.int(20...60))))
    rollout(index, image: image, at: t + 30_000_000)
  }

  /// The day's deploys: five Argo CD syncs and one Helm upgrade from CI. The morning sync of
  /// shop/checkout is what makes bob's later `kubectl set image` on it an out-of-band deploy.
  mutating func deploys() {
    let h = DemoTime.hour
    let m = DemoTime.minute
    argoSync("shop", "checkout", tag: "7.3.1", at: start + 8 * h + 20 * m)
    argoSync("shop", "frontend", tag: "2.14.4", at: start + 9 * h + 40 * m)
    argoSync("shop", "cart", tag: "3.2.2", at: start + 11 * h + 55 * m)
    argoSync("payments", "payments-api", tag: "4.8.3", at: start + 14 * h + 5 * m)
    argoSync("shop", "catalog", tag: "5.1.0", at: start + 16 * h + 30 * m)
    // Helm upgrade of Grafana from a CI job: release secrets in its namespace, then the patch.
    let t = start + 13 * h + 31 * m
    let reason = DemoDay.deployerReason("monitoring")
    request(
      at: t, helm, "list",
      "/api/v1/namespaces/monitoring/secrets?labelSelector=name%3Dgrafana%2Cowner%3Dhelm",
      ref: DemoDay.ref("secrets", namespace: "monitoring"), reason: reason, latencyMillis: 11)
    request(
      at: t + 900_000_000, helm, "create", "/api/v1/namespaces/monitoring/secrets",
      ref: DemoDay.ref("secrets", namespace: "monitoring"), code: 201, reason: reason)
    argoSync("monitoring", "grafana", tag: "11.1.1", at: t + 1_400_000_000, via: helm)
    request(
      at: t + 3 * DemoTime.second, helm, "update",
      "/api/v1/namespaces/monitoring/secrets/sh.helm.release.v1.grafana.v7",
      ref: DemoDay.ref("secrets", namespace: "monitoring", name: "sh.helm.release.v1.grafana.v7"),
      reason: reason)
    nightlyReport(at: start + 2 * h + 15 * DemoTime.second)
  }

  /// cert-manager renewing a certificate (and its CA injector refreshing webhook CA bundles), and a
  /// kubelet rotating its client certificate through an auto-approved CSR.
  mutating func certificates() {
    let t = start + 6 * DemoTime.hour + 12 * DemoTime.minute
    let cm = workloadSA(
      "cert-manager", "cert-manager",
      agent: "cert-manager-controller/v1.14.4 (linux/amd64) cert-manager/3f5b1e0")
    let cmReason = DemoDay.saReason(
      "cert-manager", "cert-manager", role: "cert-manager-controller-certificates")
    request(
      at: t, cm, "create", "/apis/cert-manager.io/v1/namespaces/shop/certificaterequests",
      ref: DemoDay.ref("certificaterequests", namespace: "shop", group: "cert-manager.io"),
      level: .request,
      code: 201, reason: cmReason)
    request(
      at: t + 2 * DemoTime.second, cm, "update", "/api/v1/namespaces/shop/secrets/shop-tls",
      ref: DemoDay.ref("secrets", namespace: "shop", name: "shop-tls"), reason: cmReason)
    var injector = cm
    injector.user = injector.user.setting(
      "username", "system:serviceaccount:cert-manager:cert-manager-cainjector")
    injector.username = "system:serviceaccount:cert-manager:cert-manager-cainjector"
    injector.userAgent = "cainjector/v1.14.4 (linux/amd64) cert-manager/3f5b1e0"
    let injReason = DemoDay.saReason("cert-manager", "cert-manager-cainjector")
    for kind in ["validatingwebhookconfigurations", "mutatingwebhookconfigurations"] {
      request(
        at: t + 5 * DemoTime.second, injector, "update",
        "/apis/admissionregistration.k8s.io/v1/\(kind)/cert-manager-webhook",
        ref: DemoDay.ref(kind, name: "cert-manager-webhook", group: "admissionregistration.k8s.io"),
        reason: injReason)
    }
    // Node client-certificate rotation.
    let node = cluster.nodes[2]
    let csr = "csr-\(rng.podSuffix())"
    let at = start + 3 * DemoTime.hour + 27 * DemoTime.minute
    request(
      at: at, kubelet(node), "create", "/apis/certificates.k8s.io/v1/certificatesigningrequests",
      ref: DemoDay.ref("certificatesigningrequests", group: "certificates.k8s.io"), code: 201,
      reason:
        "RBAC: allowed by ClusterRoleBinding \"system:node-client-certificate-renewal\" of ClusterRole \"system:certificates.k8s.io:certificatesigningrequests:selfnodeclient\" to Group \"system:nodes\""
    )
    request(
      at: at + 40_000_000, controller("certificate-controller"), "update",
      "/apis/certificates.k8s.io/v1/certificatesigningrequests/\(csr)/approval",
      ref: DemoDay.ref(
        "certificatesigningrequests", name: csr, group: "certificates.k8s.io",
        subresource: "approval"),
      reason: DemoDay.controllerReason("certificate-controller"))
    request(
      at: at + 90_000_000, controller("certificate-controller"), "update",
      "/apis/certificates.k8s.io/v1/certificatesigningrequests/\(csr)/status",
      ref: DemoDay.ref(
        "certificatesigningrequests", name: csr, group: "certificates.k8s.io", subresource: "status"
      ),
      reason: DemoDay.controllerReason("certificate-controller"))
  }
}
