/// Out-of-band changes and access: a manual image change, port-forward, the kubelet API through
/// nodes/proxy, a deleted admission webhook, deleted events.
extension DemoDay {
  mutating func manualImageChange(at t: Int64) {
    guard let index = cluster.index("shop", "checkout") else { return }
    let w = cluster.workloads[index]
    let image = "registry.example.com/shop/checkout:debug"
    let id = request(
      at: t, bob, "patch",
      "/apis/apps/v1/namespaces/shop/deployments/checkout?fieldManager=kubectl-set",
      ref: DemoDay.ref("deployments", namespace: "shop", name: "checkout", group: "apps"),
      level: .requestResponse, reason: DemoDay.bobReason, latencyMillis: 12,
      requestObject: DemoObjects.imagePatch(container: "checkout", image: image),
      responseObject: DemoObjects.deployment(w, image: image, rv: nextRV(), at: t, generation: 38))
    rollout(index, image: image, at: t + 25_000_000)
    attack(
      "f-manual-image-change",
      "kubectl set image on shop/checkout by a human, bypassing the CI deployer", at: t,
      by: bob, ids: [id],
      rules: [
        "Workload Image Changed by Non-Service-Account", "Image Changed by Unusual Identity",
      ],
      falco: [DemoDay.disallowedUser])
  }

  mutating func portForward(at t: Int64) {
    guard let pod = cluster.workload("payments", "postgres")?.pods.first else { return }
    let svc = request(
      at: t, alice, "get", "/api/v1/namespaces/payments/services/postgres",
      ref: DemoDay.ref("services", namespace: "payments", name: "postgres"), level: .request,
      reason: DemoDay.aliceReason)
    let list = request(
      at: t + 20_000_000, alice, "list",
      "/api/v1/namespaces/payments/pods?labelSelector=app.kubernetes.io%2Fname%3Dpostgres",
      ref: DemoDay.ref("pods", namespace: "payments"), level: .request, reason: DemoDay.aliceReason)
    let pf = request(
      at: t + 60_000_000, alice, "create",
      "/api/v1/namespaces/payments/pods/\(pod.name)/portforward",
      ref: DemoDay.ref("pods", namespace: "payments", name: pod.name, subresource: "portforward"),
      code: 101,
      reason: DemoDay.aliceReason, startedAfter: 31_000_000,
      latency: 23 * DemoTime.minute + 7 * DemoTime.second)
    attack(
      "f-port-forward", "Port-forward to the payments database (postgres-0:5432) from a laptop",
      at: t, by: alice,
      ids: [svc, list, pf], rules: ["Port-Forward by Human"],
      falco: ["port-forward", DemoDay.disallowedUser])
  }

  mutating func nodeProxy(at t: Int64) {
    let node = cluster.nodes[1].name
    let id = request(
      at: t, bob, "get", "/api/v1/nodes/\(node)/proxy/runningpods/",
      ref: DemoDay.ref("nodes", name: node, subresource: "proxy"), reason: DemoDay.bobReason,
      latencyMillis: 25)
    attack(
      "f-nodes-proxy", "Kubelet API reached through the API server's nodes/proxy", at: t, by: bob,
      ids: [id],
      rules: ["Kubelet API Accessed via nodes/proxy"], falco: [DemoDay.disallowedUser])
  }

  mutating func webhookDeleted(at t: Int64) {
    let name = "policy-enforcer"
    let id = request(
      at: t, bob, "delete",
      "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/\(name)",
      ref: DemoDay.ref(
        "validatingwebhookconfigurations", name: name, group: "admissionregistration.k8s.io"),
      level: .requestResponse, reason: DemoDay.bobReason,
      requestObject: [
        "kind": "DeleteOptions", "apiVersion": "admissionregistration.k8s.io/v1",
        "propagationPolicy": "Background",
      ],
      responseObject: [
        "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success",
        "details": [
          "name": .string(name), "group": "admissionregistration.k8s.io",
          "kind": "validatingwebhookconfigurations", "uid": .string(rng.uuid()),
        ],
      ])
    attack(
      "f-webhook-deleted", "The policy-enforcer validating admission webhook deleted", at: t,
      by: bob, ids: [id],
      rules: ["Admission Webhook Configuration Changed"], falco: [DemoDay.disallowedUser])
  }

  mutating func eventsDeleted(at t: Int64) {
    let id = request(
      at: t, bob, "deletecollection", "/api/v1/namespaces/default/events",
      ref: DemoDay.ref("events", namespace: "default"), reason: DemoDay.bobReason, latencyMillis: 35
    )
    attack(
      "f-events-deleted",
      "All events in default deleted (kubectl delete events --all), hiding the debugger pod's trail",
      at: t, by: bob, ids: [id], rules: ["Kubernetes Events Deleted"],
      falco: [DemoDay.disallowedUser])
  }
}
