/// Benign control-plane and monitoring traffic: heartbeats, watches, probes, token refreshes.
extension DemoDay {
  /// Times from the window's start (or a bit before) every `period` (scaled), with jitter.
  mutating func ticks(period: Int64, jitter: Int64, lead: Int64 = 0) -> [Int64] {
    let step = max(DemoTime.second / 10, Int64(Double(period) / max(scale, 0.001)))
    var t = start - lead + Int64(rng.next() % UInt64(step))
    var out: [Int64] = []
    while t < end {
      out.append(t + (jitter > 0 ? Int64(rng.next() % UInt64(jitter)) : 0))
      t += step
    }
    return out
  }

  /// Node leases (every 10 s) and node status (every 5 min) from each kubelet.
  mutating func heartbeats() {
    for node in cluster.nodes {
      let actor = kubelet(node)
      let leaseUID = rng.uuid()
      for t in ticks(period: 10 * DemoTime.second, jitter: 40_000_000) {
        let rv = nextRV()
        request(
          at: t, actor, "update",
          "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/\(node.name)?timeout=10s",
          ref: DemoDay.ref(
            "leases", namespace: "kube-node-lease", name: node.name, group: "coordination.k8s.io",
            uid: leaseUID, rv: rv),
          latencyMillis: 3)
      }
      for t in ticks(period: 5 * DemoTime.minute, jitter: DemoTime.second) {
        request(
          at: t, actor, "patch", "/api/v1/nodes/\(node.name)/status?timeout=10s",
          ref: DemoDay.ref("nodes", name: node.name, subresource: "status"), latencyMillis: 6)
      }
    }
  }

  /// One long-running watch: a reflector re-establishing its watch every 5–10 minutes.
  mutating func watcher(
    _ actor: DemoActor, reason: String, path: String, selector: String = "",
    resource: String, namespace: String? = nil, group: String = ""
  ) {
    var t = start - Int64(rng.int(0...600)) * DemoTime.second
    while t < end {
      let timeout = rng.int(300...599)
      let rv = resourceVersion - Int64(rng.int(0...5000))
      let query =
        "allowWatchBookmarks=true\(selector)&resourceVersion=\(rv)&timeout=\(timeout / 60)m\(timeout % 60)s&timeoutSeconds=\(timeout)&watch=true"
      let duration = Int64(timeout) * DemoTime.second + Int64(rng.int(0...900)) * 1_000_000
      request(
        at: t, actor, "watch", "\(path)?\(query)",
        ref: DemoDay.ref(resource, namespace: namespace, group: group, version: "v1"),
        level: .request, reason: reason, startedAfter: Int64(rng.int(300...2500)) * 1000,
        latency: duration)
      t += duration + Int64(rng.int(1...400)) * 1_000_000
    }
  }

  /// The reflectors of the control plane, kubelets, DNS, monitoring, cert-manager and Argo CD.
  mutating func watches() {
    for node in cluster.nodes {
      watcher(
        kubelet(node), reason: "", path: "/api/v1/pods",
        selector: "&fieldSelector=spec.nodeName%3D\(node.name)", resource: "pods")
      watcher(
        kubelet(node), reason: "", path: "/api/v1/nodes",
        selector: "&fieldSelector=metadata.name%3D\(node.name)", resource: "nodes")
    }
    let schedulerReason =
      "RBAC: allowed by ClusterRoleBinding \"system:kube-scheduler\" of ClusterRole \"system:kube-scheduler\" to User \"system:kube-scheduler\""
    watcher(
      scheduler, reason: schedulerReason, path: "/api/v1/pods",
      selector: "&fieldSelector=status.phase%21%3DSucceeded%2Cstatus.phase%21%3DFailed",
      resource: "pods")
    watcher(scheduler, reason: schedulerReason, path: "/api/v1/nodes", resource: "nodes")
    let kcmReason =
      "RBAC: allowed by ClusterRoleBinding \"system:kube-controller-manager\" of ClusterRole \"system:kube-controller-manager\" to User \"system:kube-controller-manager\""
    for (path, resource, group) in [
      ("/api/v1/pods", "pods", ""), ("/apis/apps/v1/replicasets", "replicasets", "apps"),
      ("/apis/apps/v1/deployments", "deployments", "apps"), ("/api/v1/secrets", "secrets", ""),
    ] {
      watcher(controllerManager, reason: kcmReason, path: path, resource: resource, group: group)
    }
    for i in 0..<2 {
      let dns = workloadSA(
        "kube-system", "coredns", pod: i, agent: "coredns/v0.0.0 (linux/amd64) kubernetes/$Format")
      let reason = DemoDay.saReason("kube-system", "coredns", role: "system:coredns")
        .replacingPrefix(
          "RBAC: allowed by ClusterRoleBinding \"coredns\"",
          with: "RBAC: allowed by ClusterRoleBinding \"system:coredns\"")
      watcher(
        dns, reason: reason, path: "/apis/discovery.k8s.io/v1/endpointslices",
        resource: "endpointslices", group: "discovery.k8s.io")
      watcher(dns, reason: reason, path: "/api/v1/services", resource: "services")
    }
    let prometheus = workloadSA("monitoring", "prometheus", agent: "Prometheus/2.53.1")
    for (path, resource, group) in [
      ("/api/v1/pods", "pods", ""),
      ("/apis/discovery.k8s.io/v1/endpointslices", "endpointslices", "discovery.k8s.io"),
      ("/api/v1/nodes", "nodes", ""),
    ] {
      watcher(
        prometheus, reason: DemoDay.saReason("monitoring", "prometheus"), path: path,
        resource: resource, group: group)
    }
    let certManager = workloadSA(
      "cert-manager", "cert-manager",
      agent: "cert-manager-controller/v1.14.4 (linux/amd64) cert-manager/3f5b1e0")
    let cmReason = DemoDay.saReason(
      "cert-manager", "cert-manager", role: "cert-manager-controller-certificates")
    watcher(
      certManager, reason: cmReason, path: "/api/v1/secrets",
      selector: "&labelSelector=controller.cert-manager.io%2Ffao%3Dtrue", resource: "secrets")
    for (path, resource, group) in [
      ("/apis/apps/v1/deployments", "deployments", "apps"), ("/api/v1/services", "services", ""),
      ("/api/v1/configmaps", "configmaps", ""),
    ] {
      watcher(
        argocd, reason: DemoDay.saReason("ci", "deployer", role: "argocd-application-controller"),
        path: path, resource: resource, group: group)
    }
  }

  /// Load-balancer readiness probes and a blackbox exporter's `/healthz` and `/livez` checks.
  mutating func probes() {
    for t in ticks(period: 60 * DemoTime.second, jitter: 5_000_000) {
      let lb = DemoActor.anonymous(
        ip: rng.pick(["10.0.0.2", "10.0.0.3"]), agent: "kube-probe/1.30")
      request(
        at: t, lb, "get", "/readyz", ref: nil, reason: DemoDay.publicInfoReason, latencyMillis: 1.5)
    }
    for t in ticks(period: 5 * DemoTime.minute, jitter: DemoTime.second) {
      let blackbox = DemoActor.anonymous(ip: "10.244.1.9", agent: "Go-http-client/1.1")
      request(
        at: t, blackbox, "get", "/healthz", ref: nil, reason: DemoDay.publicInfoReason,
        latencyMillis: 1.2)
      request(
        at: t + 3_000_000, blackbox, "get", "/livez", ref: nil, reason: DemoDay.publicInfoReason,
        latencyMillis: 1.2)
    }
  }

  /// Kubelets refreshing each pod's projected service-account token (every ~48 minutes).
  mutating func tokenRefreshes() {
    for w in cluster.workloads {
      for pod in w.pods {
        for t in ticks(
          period: 48 * DemoTime.minute, jitter: 90 * DemoTime.second, lead: 48 * DemoTime.minute)
        {
          request(
            at: t, kubelet(pod.node), "create",
            "/api/v1/namespaces/\(w.namespace)/serviceaccounts/\(w.serviceAccount)/token",
            ref: DemoDay.ref(
              "serviceaccounts", namespace: w.namespace, name: w.serviceAccount,
              subresource: "token"),
            code: 201, latencyMillis: 5)
        }
      }
    }
  }

  /// Grafana's dashboard sidecar, denied configmaps outside its namespace every half hour, and
  /// the odd expired kubectl token.
  mutating func routineDenials() {
    let sidecar = workloadSA("monitoring", "grafana", agent: "python-requests/2.32.3")
    for t in ticks(period: 30 * DemoTime.minute, jitter: 20 * DemoTime.second) {
      request(
        at: t, sidecar, "list",
        "/api/v1/namespaces/kube-system/configmaps?labelSelector=grafana_dashboard%3D1",
        ref: DemoDay.ref("configmaps", namespace: "kube-system"), level: .request, code: 403)
    }
    for hour in [8, 13, 18] {
      let t = start + Int64(hour) * DemoTime.hour + Int64(rng.int(60...1800)) * DemoTime.second
      guard t < end else { continue }
      request(
        at: t,
        .unauthenticated(ip: rng.pick(["10.20.0.15", "10.20.0.23"]), agent: DemoDay.kubectl),
        "list", "/api/v1/namespaces/shop/pods?limit=500",
        ref: DemoDay.ref("pods", namespace: "shop"), code: 401)
    }
  }
}

extension String {
  /// The string with `prefix` replaced by `replacement` when it starts with it.
  func replacingPrefix(_ prefix: String, with replacement: String) -> String {
    hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
  }
}
