import VigilCore
import VigilJSON
import VigilKube

/// The cluster's objects: the starting snapshot, pods coming and going, rollouts, scaling,
/// CronJobs and the namespace created on day 2.
extension ClusterSimulation {
  static let system = [
    "system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated",
  ]
  static let controllerAgent = "kube-controller-manager/v1.30.4 (linux/amd64) kubernetes/3968350"
  static let argoAgent = "argocd-application-controller/v2.12.3"
  static let kubectlAgent = "kubectl/v1.30.2 (linux/amd64) kubernetes/3968350"
  static let created = "2026-10-20T08:00:00Z"

  func q(_ text: String) -> String { JSONText.quoted(text) }

  mutating func setUpCluster() {
    snapshotObjects.append(
      #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"kubernetes","namespace":"default","uid":"svc-kubernetes","creationTimestamp":"\#(Self.created)"},"spec":{"type":"ClusterIP","clusterIP":"10.96.0.1","clusterIPs":["10.96.0.1"],"ports":[{"name":"https","protocol":"TCP","port":443,"targetPort":6443}]}}"#
    )
    for node in cluster.nodes {
      snapshotObjects.append(
        #"{"apiVersion":"v1","kind":"Node","metadata":{"name":"\#(node.name)","uid":"node-\#(node.name)","creationTimestamp":"\#(Self.created)"},"spec":{"podCIDR":"10.244.\#(node.podSubnet).0/24","podCIDRs":["10.244.\#(node.podSubnet).0/24"]},"status":{"addresses":[{"type":"InternalIP","address":"\#(node.address)"}]}}"#
      )
    }
    for (name, environment) in cluster.namespaces {
      snapshotObjects.append(namespaceJSON(name, environment: environment))
    }
    for (index, workload) in workloads.enumerated() {
      let label = workload.label
      tags[label] = workload.tag
      hashes[label] = random.suffix(10)
      if workload.port != 0 {
        let ip =
          workload.name == "coredns" ? cluster.dnsServiceIP : "10.96.\(10 + index).\(20 + index)"
        serviceIPs[label] = ip
        snapshotObjects.append(serviceJSON(workload, ip: ip))
      }
      snapshotObjects.append(workloadJSON(workload, tag: workload.tag))
      guard workload.kind != .cronJob else { continue }
      let count = workload.kind == .daemonSet ? cluster.nodes.count : workload.replicas
      for replica in 0..<count {
        let pod = makePod(
          workload, node: workload.kind == .daemonSet ? replica : nil, ordinal: replica)
        pods[label, default: []].append(pod)
        snapshotObjects.append(podJSON(pod, created: Self.created))
      }
    }
  }

  func namespaceJSON(_ name: String, environment: String?) -> String {
    let labels = environment.map { #","labels":{"environment":\#(q($0))}"# } ?? ""
    return
      #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":\#(q(name)),"uid":"ns-\#(name)","creationTimestamp":"\#(Self.created)"\#(labels)}}"#
  }

  func serviceJSON(_ workload: ScenarioWorkload, ip: String) -> String {
    let proto = workload.port == 53 ? "UDP" : "TCP"
    let name = workload.name == "coredns" ? "kube-dns" : workload.name
    return
      #"{"apiVersion":"v1","kind":"Service","metadata":{"name":\#(q(name)),"namespace":\#(q(workload.namespace)),"uid":"svc-\#(workload.namespace)-\#(name)","creationTimestamp":"\#(Self.created)"},"spec":{"type":"ClusterIP","clusterIP":"\#(ip)","clusterIPs":["\#(ip)"],"ports":[{"protocol":"\#(proto)","port":\#(workload.port),"targetPort":\#(workload.port)}],"selector":{"app":\#(q(workload.name))}}}"#
  }

  func containersJSON(_ workload: ScenarioWorkload, image: String) -> String {
    let ports =
      workload.port == 0 ? "" : #","ports":[{"containerPort":\#(workload.port),"protocol":"TCP"}]"#
    return #"[{"name":\#(q(workload.name)),"image":\#(q(image))\#(ports)}]"#
  }

  func workloadJSON(_ workload: ScenarioWorkload, tag: String) -> String {
    let template =
      #"{"metadata":{"labels":{"app":\#(q(workload.name))}},"spec":{"serviceAccountName":\#(q(workload.serviceAccount)),"containers":\#(containersJSON(workload, image: workload.image(tag: tag)))}}"#
    let group = workload.kind == .cronJob ? "batch/v1" : "apps/v1"
    let spec: String
    switch workload.kind {
    case .cronJob:
      spec = #"{"schedule":"0 * * * *","jobTemplate":{"spec":{"template":\#(template)}}}"#
    case .daemonSet:
      spec = #"{"selector":{"matchLabels":{"app":\#(q(workload.name))}},"template":\#(template)}"#
    case .deployment, .statefulSet:
      spec =
        #"{"replicas":\#(workload.replicas),"selector":{"matchLabels":{"app":\#(q(workload.name))}},"template":\#(template)}"#
    }
    return
      #"{"apiVersion":"\#(group)","kind":"\#(workload.kind.rawValue)","metadata":{"name":\#(q(workload.name)),"namespace":\#(q(workload.namespace)),"uid":"wl-\#(workload.namespace)-\#(workload.name)","creationTimestamp":"\#(Self.created)","labels":{"app":\#(q(workload.name))}},"spec":\#(spec)}"#
  }

  func podJSON(_ pod: ScenarioPod, created: String) -> String {
    let hashLabel = pod.templateHash.map { #","pod-template-hash":\#(q($0))"# } ?? ""
    let group = pod.ownerKind == "Job" ? "batch/v1" : "apps/v1"
    guard
      let workload = workloads.first(where: {
        $0.namespace == pod.namespace && $0.name == pod.workload
      })
    else { return "{}" }
    return
      #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":\#(q(pod.name)),"namespace":\#(q(pod.namespace)),"uid":\#(q(pod.uid)),"creationTimestamp":\#(q(created)),"labels":{"app":\#(q(pod.workload))\#(hashLabel)},"ownerReferences":[{"apiVersion":"\#(group)","kind":"\#(pod.ownerKind)","name":\#(q(pod.ownerName)),"uid":"owner-\#(pod.ownerName)","controller":true}]},"spec":{"nodeName":"\#(pod.node.name)","serviceAccountName":\#(q(workload.serviceAccount)),"containers":\#(containersJSON(workload, image: pod.image))},"status":{"phase":"Running","podIP":"\#(pod.ip)","podIPs":[{"ip":"\#(pod.ip)"}]}}"#
  }

  /// A new pod for `workload` (not yet emitted): on `node` (an index) or the next node.
  mutating func makePod(
    _ workload: ScenarioWorkload, node index: Int? = nil, ordinal: Int = 0, jobName: String? = nil
  ) -> ScenarioPod {
    let node: ScenarioCluster.Node
    if let index {
      node = cluster.nodes[index % cluster.nodes.count]
    } else {
      node = cluster.nodes[nextNode % cluster.nodes.count]
      nextNode += 1
    }
    var host = nextHost[node.podSubnet, default: 10]
    if host > 199 { host = 10 }
    nextHost[node.podSubnet] = host + 1
    let label = workload.label
    let hash = hashes[label] ?? "0"
    let parts: (name: String, ownerKind: String, ownerName: String, templateHash: String?)
    switch workload.kind {
    case .deployment:
      parts = (
        "\(workload.name)-\(hash)-\(random.suffix(5))", "ReplicaSet", "\(workload.name)-\(hash)",
        hash
      )
    case .statefulSet:
      parts = ("\(workload.name)-\(ordinal)", "StatefulSet", workload.name, nil)
    case .daemonSet:
      parts = ("\(workload.name)-\(random.suffix(5))", "DaemonSet", workload.name, nil)
    case .cronJob:
      let job = jobName ?? "\(workload.name)-0"
      parts = ("\(job)-\(random.suffix(5))", "Job", job, nil)
    }
    return ScenarioPod(
      name: parts.name, namespace: workload.namespace, workload: workload.name,
      ip: "10.244.\(node.podSubnet).\(host)", node: node, ownerKind: parts.ownerKind,
      ownerName: parts.ownerName, templateHash: parts.templateHash,
      image: workload.image(tag: tags[label] ?? workload.tag), uid: "pod-\(random.suffix(12))")
  }

  /// Starts a pod: the controller's create request and the watch event.
  mutating func startPod(_ pod: ScenarioPod, at time: Timestamp, controller: String) {
    audit(
      ScenarioAuditRequest(
        verb: "create",
        uri: ScenarioAuditRequest.uri(
          resource: "pods", apiGroup: nil, namespace: pod.namespace, name: nil),
        user: "system:serviceaccount:kube-system:\(controller)", groups: Self.system,
        sourceIP: "10.0.0.2", userAgent: Self.controllerAgent, resource: "pods",
        namespace: pod.namespace, name: pod.name),
      at: time)
    emit(
      .inventory(
        time: time, type: .added, object: podJSON(pod, created: time.rfc3339(fractionDigits: 0))))
  }

  /// Stops a pod (watch event).
  mutating func stopPod(_ pod: ScenarioPod, at time: Timestamp) {
    emit(.inventory(time: time, type: .deleted, object: podJSON(pod, created: Self.created)))
  }

  /// A CD rollout: a new tag of the same repository, new pods replace the old ones.
  mutating func deploy(
    _ label: String, at time: Timestamp, by user: String? = nil, tag newTag: String? = nil
  ) {
    guard let workload = workloads.first(where: { $0.label == label }) else { return }
    let old = tags[label] ?? workload.tag
    let tag = newTag ?? Self.bump(old)
    tags[label] = tag
    hashes[label] = random.suffix(10)
    let person = user != nil
    let body =
      #"{"spec":{"template":{"spec":{"containers":[{"name":\#(q(workload.name)),"image":\#(q(workload.image(tag: tag)))}]}}}}"#
    audit(
      ScenarioAuditRequest(
        verb: "patch",
        uri: ScenarioAuditRequest.uri(
          resource: "deployments", apiGroup: "apps", namespace: workload.namespace,
          name: workload.name,
          query: person ? "fieldManager=kubectl-set" : nil),
        user: user ?? cluster.deployer,
        groups: person
          ? ["developers", "system:authenticated"]
          : ["system:serviceaccounts", "system:authenticated"],
        sourceIP: person
          ? (cluster.people.first { $0.name == user }?.sourceIP ?? "10.8.0.99")
          : cluster.deployerIP,
        userAgent: person ? Self.kubectlAgent : Self.argoAgent, resource: "deployments",
        namespace: workload.namespace, name: workload.name, apiGroup: "apps", requestObject: body),
      at: time)
    replacePods(of: workload, at: time)
  }

  /// New pods at `time` + a few seconds, the old ones gone a minute later.
  mutating func replacePods(of workload: ScenarioWorkload, at time: Timestamp) {
    let label = workload.label
    let old = pods[label] ?? []
    var fresh: [ScenarioPod] = []
    for (index, _) in old.enumerated() {
      let pod = makePod(workload)
      startPod(pod, at: time.adding(.seconds(5 + index * 20)), controller: "replicaset-controller")
      fresh.append(pod)
    }
    for (index, pod) in old.enumerated() {
      stopPod(pod, at: time.adding(.seconds(30 + index * 20)))
    }
    pods[label] = fresh
  }

  static func bump(_ tag: String) -> String {
    var parts = tag.split(separator: ".").map(String.init)
    guard let last = parts.last, let number = Int(last.prefix { $0.isNumber }) else {
      return tag + ".1"
    }
    parts[parts.count - 1] = String(number + 1)
    return parts.joined(separator: ".")
  }

  /// The HPA scales up at 09:00 and down at 18:00 on weekdays.
  mutating func scaleIfDue(hour: Int, hourOfDay: Int) {
    guard (hour / 24) % 7 < 5, hourOfDay == 9 || hourOfDay == 18 else { return }
    for workload in workloads {
      guard let busy = workload.busyReplicas else { continue }
      let label = workload.label
      let target = hourOfDay == 9 ? busy : workload.replicas
      let current = pods[label]?.count ?? 0
      guard target != current else { continue }
      let at = time(hour: hour, second: random.int(60...240))
      audit(
        ScenarioAuditRequest(
          verb: "patch",
          uri: ScenarioAuditRequest.uri(
            resource: "deployments", apiGroup: "apps", namespace: workload.namespace,
            name: workload.name, subresource: "scale"),
          user: "system:serviceaccount:kube-system:horizontal-pod-autoscaler", groups: Self.system,
          sourceIP: "10.0.0.2", userAgent: Self.controllerAgent, resource: "deployments",
          namespace: workload.namespace, name: workload.name, subresource: "scale", apiGroup: "apps"
        ),
        at: at)
      if target > current {
        for index in current..<target {
          let pod = makePod(workload)
          startPod(pod, at: at.adding(.seconds(2 + index)), controller: "replicaset-controller")
          pods[label, default: []].append(pod)
        }
      } else {
        for index in target..<current {
          if let pod = pods[label]?.popLast() { stopPod(pod, at: at.adding(.seconds(2 + index))) }
        }
      }
    }
  }

  /// Every CronJob runs at the top of every hour: a Job, its pod for two minutes, its traffic.
  mutating func runCronJobs(hour: Int) {
    for workload in workloads where workload.kind == .cronJob {
      let at = time(hour: hour, second: random.int(1...5))
      let minutes = at.nanoseconds / 60_000_000_000
      let job = "\(workload.name)-\(minutes)"
      audit(
        ScenarioAuditRequest(
          verb: "create",
          uri: ScenarioAuditRequest.uri(
            resource: "jobs", apiGroup: "batch", namespace: workload.namespace, name: nil),
          user: "system:serviceaccount:kube-system:cronjob-controller", groups: Self.system,
          sourceIP: "10.0.0.2", userAgent: Self.controllerAgent, resource: "jobs",
          namespace: workload.namespace, name: job, apiGroup: "batch"),
        at: at)
      let pod = makePod(workload, jobName: job)
      let podStart = at.adding(.seconds(2))
      startPod(pod, at: podStart, controller: "job-controller")
      cronTraffic(workload, pod: pod, from: podStart.adding(.seconds(5)))
      stopPod(pod, at: podStart.adding(.seconds(150)))
    }
  }

  /// Day 2, 10:00: the CD identity creates namespace `prod-search` with a Deployment and its
  /// Service; its pods start and call the catalog.
  mutating func createLateNamespace(hour: Int) {
    let at = time(hour: hour, second: 600)
    let workload = ScenarioWorkload(
      name: "search-api", namespace: "prod-search", kind: .deployment,
      repository: "registry.example.com/search/api", tag: "1.0.0", replicas: 2, port: 8080,
      serviceAccount: "search-api",
      calls: [.init(namespace: "prod-web", name: "catalog", port: 8080, perHour: 5)],
      domains: [], bytesOut: 1_200, busyReplicas: nil, runtime: "go")
    let cd = ScenarioAuditRequest(
      verb: "create", uri: "/api/v1/namespaces", user: cluster.deployer,
      groups: ["system:serviceaccounts", "system:authenticated"], sourceIP: cluster.deployerIP,
      userAgent: Self.argoAgent, resource: "namespaces", namespace: nil, name: "prod-search",
      requestObject: namespaceJSON("prod-search", environment: "prod"))
    audit(cd, at: at)
    emit(
      .inventory(time: at, type: .added, object: namespaceJSON("prod-search", environment: "prod")))
    workloads.append(workload)
    let label = workload.label
    tags[label] = workload.tag
    hashes[label] = random.suffix(10)
    let ip = "10.96.200.20"
    serviceIPs[label] = ip
    var service = cd
    service.uri = ScenarioAuditRequest.uri(
      resource: "services", apiGroup: nil, namespace: "prod-search", name: nil)
    service.resource = "services"
    service.namespace = "prod-search"
    service.name = workload.name
    service.requestObject = serviceJSON(workload, ip: ip)
    audit(service, at: at.adding(.seconds(2)))
    emit(
      .inventory(time: at.adding(.seconds(2)), type: .added, object: serviceJSON(workload, ip: ip)))
    var deployment = cd
    deployment.uri = ScenarioAuditRequest.uri(
      resource: "deployments", apiGroup: "apps", namespace: "prod-search", name: nil)
    deployment.resource = "deployments"
    deployment.apiGroup = "apps"
    deployment.namespace = "prod-search"
    deployment.name = workload.name
    deployment.requestObject = workloadJSON(workload, tag: workload.tag)
    audit(deployment, at: at.adding(.seconds(3)))
    emit(
      .inventory(
        time: at.adding(.seconds(3)), type: .added,
        object: workloadJSON(workload, tag: workload.tag)))
    for index in 0..<workload.replicas {
      let pod = makePod(workload)
      startPod(pod, at: at.adding(.seconds(6 + index)), controller: "replicaset-controller")
      pods[label, default: []].append(pod)
    }
  }
}
