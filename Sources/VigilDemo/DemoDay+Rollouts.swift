/// What the controllers, scheduler and kubelets do when a workload's pods are replaced.
extension DemoDay {
  /// Creates one pod the way a controller does, binds it and starts it; returns the pod.
  @discardableResult
  mutating func startPod(
    workload w: DemoCluster.Workload, image: String, hash: String, owner: DemoJSON, at t: Int64,
    node: DemoCluster.Node, creator: String
  ) -> DemoCluster.Pod {
    let prefix = hash.isEmpty ? "\(w.name)-" : "\(w.name)-\(hash)-"
    let name = w.kind == "StatefulSet" ? "\(w.name)-0" : prefix + rng.podSuffix()
    let pod = DemoCluster.Pod(
      name: name, uid: rng.uuid(), node: node, ip: "10.244.\(rng.int(0...2)).\(rng.int(40...250))")
    let ns = w.namespace
    var labels: [(String, DemoJSON)] = [("app.kubernetes.io/name", .string(w.name))]
    if !hash.isEmpty { labels.append(("pod-template-hash", .string(hash))) }
    let spec = DemoObjects.podSpec(w, image: image)
    let generate = w.kind == "StatefulSet" ? nil : prefix
    let requestPod = DemoObjects.pod(
      metadata: DemoObjects.metadata(
        name: generate == nil ? name : nil, generateName: generate, namespace: ns, labels: labels,
        owner: owner),
      spec: spec)
    let rv = nextRV()
    let responsePod = DemoObjects.pod(
      metadata: DemoObjects.metadata(
        name: name, generateName: generate, namespace: ns, labels: labels, owner: owner,
        stored: (pod.uid, rv, t, "kube-controller-manager")),
      spec: DemoObjects.admitted(spec, volume: "kube-api-access-\(rng.podSuffix())"),
      phase: "Pending")
    request(
      at: t, controller(creator), "create", "/api/v1/namespaces/\(ns)/pods",
      ref: DemoDay.ref("pods", namespace: ns), level: .requestResponse, code: 201,
      reason: DemoDay.controllerReason(creator), latencyMillis: 9, requestObject: requestPod,
      responseObject: responsePod,
      annotations: [("pod-security.kubernetes.io/enforce-policy", "restricted:latest")])
    controllerEvent(at: t + 4_000_000, creator, namespace: ns)
    let schedulerReason =
      "RBAC: allowed by ClusterRoleBinding \"system:kube-scheduler\" of ClusterRole \"system:kube-scheduler\" to User \"system:kube-scheduler\""
    let bindAt = t + Int64(rng.int(8...40)) * 1_000_000
    request(
      at: bindAt, scheduler, "create", "/api/v1/namespaces/\(ns)/pods/\(name)/binding",
      ref: DemoDay.ref("pods", namespace: ns, name: name, subresource: "binding"), level: .request,
      code: 201, reason: schedulerReason, latencyMillis: 5,
      requestObject: [
        "kind": "Binding", "apiVersion": "v1",
        "metadata": [
          "name": .string(name), "namespace": .string(ns), "uid": .string(pod.uid),
          "creationTimestamp": .null,
        ],
        "target": ["kind": "Node", "name": .string(node.name)],
      ])
    request(
      at: bindAt + 2_000_000, scheduler, "create", "/apis/events.k8s.io/v1/namespaces/\(ns)/events",
      ref: DemoDay.ref("events", namespace: ns, group: "events.k8s.io"), code: 201,
      reason: schedulerReason)
    var statusAt = bindAt + Int64(rng.int(200...900)) * 1_000_000
    for _ in 0..<3 {
      request(
        at: statusAt, kubelet(node), "patch", "/api/v1/namespaces/\(ns)/pods/\(name)/status",
        ref: DemoDay.ref("pods", namespace: ns, name: name, subresource: "status"), latencyMillis: 6
      )
      request(
        at: statusAt + 1_000_000, kubelet(node), "create", "/api/v1/namespaces/\(ns)/events",
        ref: DemoDay.ref("events", namespace: ns), code: 201)
      statusAt += Int64(rng.int(1500...6000)) * 1_000_000
    }
    request(
      at: statusAt, controller("endpointslice-controller"), "update",
      "/apis/discovery.k8s.io/v1/namespaces/\(ns)/endpointslices/\(w.name)-\(rng.podSuffix())",
      ref: DemoDay.ref("endpointslices", namespace: ns, group: "discovery.k8s.io"),
      reason: DemoDay.controllerReason("endpointslice-controller"))
    return pod
  }

  /// An event recorded by a controller.
  mutating func controllerEvent(at t: Int64, _ name: String, namespace: String) {
    request(
      at: t, controller(name), "create", "/api/v1/namespaces/\(namespace)/events",
      ref: DemoDay.ref("events", namespace: namespace), code: 201,
      reason: DemoDay.controllerReason(name))
  }

  /// Stops a pod the way a controller does: delete, then the kubelet's final delete.
  mutating func stopPod(_ pod: DemoCluster.Pod, namespace ns: String, at t: Int64, deleter: String)
  {
    request(
      at: t, controller(deleter), "delete", "/api/v1/namespaces/\(ns)/pods/\(pod.name)",
      ref: DemoDay.ref("pods", namespace: ns, name: pod.name), level: .request,
      reason: DemoDay.controllerReason(deleter), latencyMillis: 8,
      requestObject: [
        "kind": "DeleteOptions", "apiVersion": "v1", "propagationPolicy": "Background",
      ])
    controllerEvent(at: t + 3_000_000, deleter, namespace: ns)
    let final = t + Int64(rng.int(2000...31_000)) * 1_000_000
    request(
      at: final, kubelet(pod.node), "patch", "/api/v1/namespaces/\(ns)/pods/\(pod.name)/status",
      ref: DemoDay.ref("pods", namespace: ns, name: pod.name, subresource: "status"))
    request(
      at: final + 20_000_000, kubelet(pod.node), "delete",
      "/api/v1/namespaces/\(ns)/pods/\(pod.name)",
      ref: DemoDay.ref("pods", namespace: ns, name: pod.name), level: .request,
      requestObject: [
        "kind": "DeleteOptions", "apiVersion": "v1", "gracePeriodSeconds": 0,
        "preconditions": ["uid": .string(pod.uid)],
      ])
  }

  /// A rolling update of a Deployment to `image`, started at `t` by the deployment controller.
  mutating func rollout(_ index: Int, image: String, at t: Int64) {
    var w = cluster.workloads[index]
    let ns = w.namespace
    let hash = rng.podSuffix(10)
    let rsUID = rng.uuid()
    let dc = "deployment-controller"
    request(
      at: t, controller(dc), "create", "/apis/apps/v1/namespaces/\(ns)/replicasets",
      ref: DemoDay.ref("replicasets", namespace: ns, group: "apps"), level: .request, code: 201,
      reason: DemoDay.controllerReason(dc), latencyMillis: 8,
      requestObject: [
        "kind": "ReplicaSet", "apiVersion": "apps/v1",
        "metadata": DemoObjects.metadata(
          name: "\(w.name)-\(hash)", namespace: ns,
          labels: [
            ("app.kubernetes.io/name", .string(w.name)), ("pod-template-hash", .string(hash)),
          ]),
        "spec": ["replicas": 0, "template": ["spec": DemoObjects.podSpec(w, image: image)]],
      ])
    controllerEvent(at: t + 5_000_000, dc, namespace: ns)
    let owner: DemoJSON = [
      "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": .string("\(w.name)-\(hash)"),
      "uid": .string(rsUID), "controller": true, "blockOwnerDeletion": true,
    ]
    var at = t + 60_000_000
    var replaced: [DemoCluster.Pod] = []
    for old in w.pods {
      request(
        at: at, controller(dc), "update",
        "/apis/apps/v1/namespaces/\(ns)/replicasets/\(w.name)-\(hash)/scale",
        ref: DemoDay.ref(
          "replicasets", namespace: ns, name: "\(w.name)-\(hash)", group: "apps",
          subresource: "scale"),
        reason: DemoDay.controllerReason(dc))
      let pod = startPod(
        workload: w, image: image, hash: hash, owner: owner, at: at + 20_000_000, node: old.node,
        creator: "replicaset-controller")
      replaced.append(pod)
      at += Int64(rng.int(9...16)) * DemoTime.second
      stopPod(old, namespace: ns, at: at, deleter: "replicaset-controller")
      request(
        at: at + 40_000_000, controller(dc), "update",
        "/apis/apps/v1/namespaces/\(ns)/deployments/\(w.name)/status",
        ref: DemoDay.ref(
          "deployments", namespace: ns, name: w.name, group: "apps", subresource: "status"),
        reason: DemoDay.controllerReason(dc))
      at += Int64(rng.int(2...5)) * DemoTime.second
    }
    w.pods = replaced
    w.replicaSetHash = hash
    if let colon = image.lastIndex(of: ":") { w.tag = String(image[image.index(after: colon)...]) }
    cluster.workloads[index] = w
  }

  /// The nightly report CronJob in `payments`: job, pod, completion, cleanup.
  mutating func nightlyReport(at t: Int64) {
    guard let api = cluster.workload("payments", "payments-api") else { return }
    var job = api
    job.name = "nightly-report"
    job.kind = "Job"
    job.serviceAccount = "reporting"
    let jobName = "nightly-report-\(29_000_000 + rng.int(0...99_999))"
    let cj = "cronjob-controller"
    request(
      at: t, controller(cj), "create", "/apis/batch/v1/namespaces/payments/jobs",
      ref: DemoDay.ref("jobs", namespace: "payments", group: "batch"), level: .request, code: 201,
      reason: DemoDay.controllerReason(cj), latencyMillis: 7,
      requestObject: [
        "kind": "Job", "apiVersion": "batch/v1",
        "metadata": DemoObjects.metadata(
          name: jobName, namespace: "payments",
          labels: [("app.kubernetes.io/name", "nightly-report")]),
        "spec": [
          "backoffLimit": 2,
          "template": [
            "spec": DemoObjects.podSpec(job, image: "registry.example.com/payments/report:4.8.2")
          ],
        ],
      ])
    controllerEvent(at: t + 4_000_000, cj, namespace: "payments")
    let owner: DemoJSON = [
      "apiVersion": "batch/v1", "kind": "Job", "name": .string(jobName), "uid": .string(rng.uuid()),
      "controller": true, "blockOwnerDeletion": true,
    ]
    job.name = jobName
    let pod = startPod(
      workload: job, image: "registry.example.com/payments/report:4.8.2", hash: "", owner: owner,
      at: t + 30_000_000, node: cluster.nodes[1], creator: "job-controller")
    let done = t + Int64(rng.int(180...420)) * DemoTime.second
    request(
      at: done, controller("job-controller"), "update",
      "/apis/batch/v1/namespaces/payments/jobs/\(jobName)/status",
      ref: DemoDay.ref(
        "jobs", namespace: "payments", name: jobName, group: "batch", subresource: "status"),
      reason: DemoDay.controllerReason("job-controller"))
    request(
      at: done + 2 * DemoTime.second, kubelet(pod.node), "patch",
      "/api/v1/namespaces/payments/pods/\(pod.name)/status",
      ref: DemoDay.ref("pods", namespace: "payments", name: pod.name, subresource: "status"))
  }
}
