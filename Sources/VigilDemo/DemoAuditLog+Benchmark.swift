extension DemoAuditLog {
  /// `events` realistic audit events of mixed kinds for throughput tests (about 2 KB on average):
  /// controller pod creations and deployment patches at `RequestResponse` level with full
  /// request and response objects, plus lease heartbeats, kubectl reads, watches and execs.
  public static func benchmarkLog(events: Int, seed: UInt64 = 1) -> [String] {
    var day = DemoDay(
      seed: seed, start: defaultStart.nanoseconds, duration: 86_400 * 1_000_000_000, scale: 1)
    var lines: [String] = []
    lines.reserveCapacity(events)
    var t = day.start
    while lines.count < events {
      day.requests.removeAll(keepingCapacity: true)
      t += Int64(day.rng.int(1...200)) * 1_000_000
      let w = day.rng.pick(day.cluster.workloads)
      let roll = day.rng.int(0...99)
      switch roll {
      case 0..<30:
        day.startPod(
          workload: w, image: "\(w.image):\(w.tag)",
          hash: w.replicaSetHash.isEmpty ? "" : w.replicaSetHash,
          owner: [
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "name": .string("\(w.name)-\(w.replicaSetHash)"), "uid": .string(w.uid),
            "controller": true, "blockOwnerDeletion": true,
          ],
          at: t, node: day.rng.pick(day.cluster.nodes), creator: "replicaset-controller")
        day.requests = Array(day.requests.prefix(1))
      case 30..<52:
        let image = "\(w.image):\(day.rng.int(1...9)).\(day.rng.int(0...40)).\(day.rng.int(0...9))"
        day.request(
          at: t, day.argocd, "patch",
          "/apis/apps/v1/namespaces/\(w.namespace)/deployments/\(w.name)?fieldManager=argocd-controller",
          ref: DemoDay.ref("deployments", namespace: w.namespace, name: w.name, group: "apps"),
          level: .requestResponse, reason: DemoDay.deployerReason(w.namespace),
          requestObject: DemoObjects.imagePatch(container: w.name, image: image),
          responseObject: DemoObjects.deployment(
            w, image: image, rv: day.nextRV(), at: t, generation: Int64(day.rng.int(2...90))))
      case 52..<84:
        let node = day.rng.pick(day.cluster.nodes)
        day.request(
          at: t, day.kubelet(node), "update",
          "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/\(node.name)?timeout=10s",
          ref: DemoDay.ref(
            "leases", namespace: "kube-node-lease", name: node.name, group: "coordination.k8s.io",
            rv: day.nextRV()))
      case 84..<96:
        day.kubectlRead(day.alice, reason: DemoDay.aliceReason, at: t, kind: roll)
      default:
        let pod = day.rng.pick(w.pods)
        _ = day.exec(
          day.bob, reason: DemoDay.bobReason, at: t, namespace: w.namespace, pod: pod.name,
          container: w.name,
          command: ["sh", "-c", "cat /etc/os-release"], tty: false, seconds: 1)
      }
      for request in day.requests {
        for stage in request.stages() where lines.count < events { lines.append(stage.line) }
      }
    }
    return lines
  }
}
