import VigilCore

/// The API traffic besides workload changes: node heartbeats, Argo CD's syncs, Prometheus'
/// discovery, the workloads' own service accounts, and people using kubectl in working hours.
extension ClusterSimulation {
  mutating func request(
    _ verb: String, _ resource: String, group: String? = nil, namespace: String?, name: String?,
    subresource: String? = nil, user: String, groups: [String], ip: String, agent: String,
    query: String? = nil, at time: Timestamp
  ) {
    audit(
      ScenarioAuditRequest(
        verb: verb,
        uri: ScenarioAuditRequest.uri(
          resource: resource, apiGroup: group, namespace: namespace, name: name,
          subresource: subresource, query: query),
        user: user, groups: groups, sourceIP: ip, userAgent: agent, resource: resource,
        namespace: namespace, name: name, subresource: subresource, apiGroup: group),
      at: time)
  }

  mutating func backgroundAudit(hour: Int, hourOfDay: Int) {
    let start = time(hour: hour)
    let accounts = ["system:serviceaccounts", "system:authenticated"]
    for node in cluster.nodes {
      for slot in 0..<6 {
        request(
          "patch", "nodes", namespace: nil, name: node.name, subresource: "status",
          user: "system:node:\(node.name)", groups: ["system:nodes", "system:authenticated"],
          ip: node.address, agent: "kubelet/v1.30.4 (linux/amd64) kubernetes/3968350",
          at: start.adding(.seconds(slot * 600 + random.int(0...59))))
      }
    }
    for slot in 0..<6 {
      for namespace in ["prod-payments", "prod-web", "staging-web", "dev-tools"] {
        request(
          "list", "deployments", group: "apps", namespace: namespace, name: nil,
          user: cluster.deployer, groups: accounts, ip: cluster.deployerIP, agent: Self.argoAgent,
          at: start.adding(.seconds(slot * 600 + random.int(60...120))))
      }
    }
    for slot in 0..<4 {
      if let prometheus = cluster.workload("monitoring", "prometheus"),
        let pod = pods[prometheus.label]?.first
      {
        for resource in ["pods", "endpoints"] {
          request(
            "list", resource, namespace: nil, name: nil, user: prometheus.serviceAccountUser,
            groups: accounts, ip: pod.ip, agent: "prometheus/2.54.1",
            at: start.adding(.seconds(slot * 900 + random.int(0...60))))
        }
      }
    }
    // The workloads' own API use.
    for (label, verb, resource, group, name, every) in [
      ("prod-payments/payments-api", "get", "configmaps", nil, "payments-config", 1800),
      (
        "prod-payments/ledger-worker", "update", "leases", "coordination.k8s.io", "ledger-leader",
        300
      ),
      ("dev-tools/jenkins", "list", "pods", nil, nil, 600),
    ] as [(String, String, String, String?, String?, Int)] {
      guard let workload = workloads.first(where: { $0.label == label }),
        let pod = pods[label]?.first
      else { continue }
      for slot in 0..<(3600 / every) {
        request(
          verb, resource, group: group, namespace: workload.namespace, name: name,
          user: workload.serviceAccountUser, groups: accounts, ip: pod.ip,
          agent: workload.runtime == "java"
            ? "okhttp/4.12.0" : "\(workload.name)/\(tags[label] ?? "")",
          at: start.adding(.seconds(slot * every + random.int(0...30))))
      }
    }
  }

  /// People: gets, lists, describes and logs in their namespaces, in working hours.
  mutating func people(hour: Int, hourOfDay: Int) {
    guard isWorking(hour: hour) else { return }
    let start = time(hour: hour)
    for person in cluster.people {
      let groups = ["developers", "system:authenticated"]
      for _ in 0..<random.count(around: 6) {
        let namespace = person.namespaces[random.int(0...(person.namespaces.count - 1))]
        let at = start.adding(.seconds(random.int(60...3500)))
        let running = workloads.filter { $0.namespace == namespace }.flatMap {
          pods[$0.label] ?? []
        }
        let pod = running.isEmpty ? nil : running[random.int(0...(running.count - 1))]
        func go(
          _ verb: String, _ resource: String, _ name: String?, _ sub: String? = nil,
          _ group: String? = nil, _ offset: Int = 0
        ) {
          request(
            verb, resource, group: group, namespace: namespace, name: name, subresource: sub,
            user: person.name, groups: groups, ip: person.sourceIP, agent: Self.kubectlAgent,
            at: at.adding(.seconds(offset)))
        }
        switch random.int(0...4) {
        case 0: go("list", "pods", nil)
        case 1: go("list", "deployments", nil, nil, "apps")
        case 2:
          go("get", "pods", pod?.name)
          go("list", "events", nil, nil, nil, 1)
        case 3: go("get", "pods", pod?.name, "log")
        default: go("get", "deployments", pod?.workload, nil, "apps")
        }
      }
    }
  }
}
