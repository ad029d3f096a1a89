import VigilCore

/// The injected attacks: each at a seeded time in working hours after the learning days, from
/// its own random stream (so the benign history around it stays the same).
extension ClusterSimulation {
  mutating func planAttacks(from firstDay: Int, to days: Int) -> [(ScenarioAttack.Kind, Timestamp)]
  {
    guard firstDay < days else { return [] }
    return configuration.attacks.map { kind in
      let day = attackRandom.int(firstDay...(days - 1))
      let hour = day * 24 + attackRandom.int(9...16)
      return (kind, time(hour: hour, second: attackRandom.int(300...3000)))
    }
  }

  mutating func record(
    _ kind: ScenarioAttack.Kind, at time: Timestamp, _ summary: String, entities: [String],
    _ expectation: ScenarioAttack.Expectation
  ) {
    attacks.append(
      ScenarioAttack(
        kind: kind, summary: summary, injectedAt: time, entities: entities, expectation: expectation
      ))
  }

  mutating func inject(_ kind: ScenarioAttack.Kind, at time: Timestamp) {
    switch kind {
    case .log4jCallback: log4j(at: time)
    case .cryptominer: cryptominer(at: time)
    case .stolenToken: stolenToken(at: time)
    case .lateralMovement: lateralMovement(at: time)
    case .exfiltration: exfiltration(at: time)
    case .outOfBandSetImage: outOfBandSetImage(at: time)
    }
  }

  /// payments-api (Java) resolves a new OAST domain, fetches over LDAP (1389) and HTTP (8888),
  /// then holds a reverse shell on 9001. The shell itself is not represented (no process events).
  mutating func log4j(at time: Timestamp) {
    guard let pod = pods["prod-payments/payments-api"]?.first else { return }
    let domain = "c7f1kq2.oast.fun"
    let address = "178.128.16.97"
    external(
      from: pod, domain: domain, address: address, port: 1389, at: time, bytesOut: 320, bytesIn: 900
    )
    external(
      from: pod, domain: domain, address: address, port: 8888, at: time.adding(.seconds(2)),
      bytesOut: 400, bytesIn: 6_200)
    flow(
      at: time.adding(.seconds(4)), from: pod.ip, to: address, port: 9001, bytesOut: 48_000,
      bytesIn: 12_000, dnsName: domain, node: pod.node.name, seconds: 900)
    record(
      .log4jCallback, at: time,
      "payments-api resolves \(domain) and connects out on 1389, 8888 and 9001 (shell not represented)",
      entities: ["prod-payments/payments-api", domain],
      .init(workloads: [["prod-payments", "payments-api"]], texts: [domain, address]))
  }

  /// The jenkins service account (a stolen CI token) creates a miner Deployment in prod-web from
  /// Docker Hub; its pods resolve a pool and connect to 3333.
  mutating func cryptominer(at time: Timestamp) {
    let user = "system:serviceaccount:dev-tools:jenkins"
    let ip = pods["dev-tools/jenkins"]?.first?.ip ?? "10.244.1.50"
    let workload = ScenarioWorkload(
      name: "metrics-collector", namespace: "prod-web", kind: .deployment,
      repository: "docker.io/xmrig/xmrig", tag: "6.21.0", replicas: 2, port: 0,
      serviceAccount: "default", calls: [], domains: [], bytesOut: 1_000, busyReplicas: nil,
      runtime: "c")
    workloads.append(workload)
    tags[workload.label] = workload.tag
    hashes[workload.label] = attackRandom.suffix(10)
    audit(
      ScenarioAuditRequest(
        verb: "create",
        uri: ScenarioAuditRequest.uri(
          resource: "deployments", apiGroup: "apps", namespace: "prod-web", name: nil),
        user: user, groups: ["system:serviceaccounts", "system:authenticated"], sourceIP: ip,
        userAgent: "kubectl/v1.30.2 (linux/amd64) kubernetes/3968350", resource: "deployments",
        namespace: "prod-web", name: workload.name, apiGroup: "apps",
        requestObject: workloadJSON(workload, tag: workload.tag)),
      at: time)
    let pool = "xmr-eu1.supportxmr.com"
    for index in 0..<workload.replicas {
      let pod = makePod(workload)
      startPod(pod, at: time.adding(.seconds(4 + index)), controller: "replicaset-controller")
      pods[workload.label, default: []].append(pod)
      external(
        from: pod, domain: pool, address: "141.94.96.71", port: 3333,
        at: time.adding(.seconds(20 + index)),
        bytesOut: 90_000, bytesIn: 40_000, seconds: 3600)
    }
    record(
      .cryptominer, at: time,
      "jenkins's token creates prod-web/metrics-collector (docker.io/xmrig/xmrig); its pods mine at \(pool):3333",
      entities: ["prod-web/metrics-collector", user],
      .init(workloads: [["prod-web", "metrics-collector"]], texts: ["xmrig", "supportxmr.com"]))
  }

  /// ledger-worker's token, from an outside address with a script's user agent: lists
  /// namespaces, secrets across the cluster, reads secrets, lists pods everywhere.
  mutating func stolenToken(at time: Timestamp) {
    let user = "system:serviceaccount:prod-payments:ledger-worker"
    let ip = "198.51.100.23"
    let groups = [
      "system:serviceaccounts", "system:serviceaccounts:prod-payments", "system:authenticated",
    ]
    let agent = "python-requests/2.31.0"
    var offset = 0
    func next() -> Timestamp {
      offset += attackRandom.int(2...20)
      return time.adding(.seconds(offset))
    }
    let steps: [(String, String, String?, String?)] = [
      ("list", "namespaces", nil, nil), ("list", "secrets", nil, nil),
      ("list", "secrets", "prod-payments", nil), ("list", "secrets", "prod-web", nil),
      ("list", "secrets", "kube-system", nil),
      ("get", "secrets", "prod-payments", "postgres-credentials"),
      ("list", "pods", nil, nil),
    ]
    for (verb, resource, namespace, name) in steps {
      let at = next()
      request(
        verb, resource, namespace: namespace, name: name, user: user, groups: groups, ip: ip,
        agent: agent, at: at)
    }
    record(
      .stolenToken, at: time,
      "ledger-worker's token used from \(ip) (python-requests) to list secrets across namespaces",
      entities: [user, ip], .init(users: [[user, ip]], texts: [ip]))
  }

  /// A docs pod (dev-tools) connects to a dozen internal services it never used, across
  /// namespaces, in four minutes; some refuse.
  mutating func lateralMovement(at time: Timestamp) {
    guard let pod = pods["dev-tools/docs"]?.first else { return }
    var targets: [(String, UInt16)] = []
    for workload in workloads where workload.port != 0 && workload.name != "jenkins" {
      if let ip = serviceIPs[workload.label] { targets.append((ip, workload.port)) }
    }
    targets += [("10.96.0.1", 443), (serviceIPs["prod-payments/postgres"] ?? "10.96.0.2", 22)]
    for (index, (ip, port)) in targets.enumerated() {
      flow(
        at: time.adding(.seconds(index * 15 + attackRandom.int(0...10))), from: pod.ip, to: ip,
        port: port, bytesOut: 400, bytesIn: 300, outcome: port == 22 ? .refused : .established,
        node: pod.node.name)
    }
    record(
      .lateralMovement, at: time,
      "dev-tools/docs connects to \(targets.count) internal services in other namespaces within minutes",
      entities: ["dev-tools/docs"], .init(workloads: [["dev-tools", "docs"]]))
  }

  /// ledger-worker uploads 4 GB to a new domain over half an hour.
  mutating func exfiltration(at time: Timestamp) {
    guard let pod = pods["prod-payments/ledger-worker"]?.first else { return }
    let domain = "uploads.filedrop-share.io"
    for index in 0..<40 {
      external(
        from: pod, domain: domain, address: "185.199.110.7", at: time.adding(.seconds(index * 45)),
        bytesOut: 100_000_000, bytesIn: 40_000, seconds: 40)
    }
    record(
      .exfiltration, at: time, "ledger-worker sends 4 GB to \(domain) in 30 minutes",
      entities: ["prod-payments/ledger-worker", domain],
      .init(workloads: [["prod-payments", "ledger-worker"]], texts: [domain]))
  }

  /// bob runs `kubectl set image` on prod-web/frontend, which Argo CD deploys.
  mutating func outOfBandSetImage(at time: Timestamp) {
    let user = "bob@example.com"
    deploy("prod-web/frontend", at: time, by: user, tag: "5.2.1-hotfix")
    record(
      .outOfBandSetImage, at: time, "bob@example.com sets the image of prod-web/frontend by hand",
      entities: ["prod-web/frontend", user],
      .init(texts: ["5.2.1-hotfix"]))
  }
}
