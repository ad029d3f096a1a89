/// The demo cluster: three nodes, six application namespaces and the workloads running in them.
struct DemoCluster: Sendable {
  /// A node.
  struct Node: Sendable {
    var name: String
    var uid: String
    var ip: String
  }

  /// A running pod of a workload.
  struct Pod: Sendable {
    var name: String
    var uid: String
    var node: Node
    var ip: String
  }

  /// A Deployment, StatefulSet or DaemonSet and its pods.
  struct Workload: Sendable {
    var namespace: String
    var name: String
    var kind: String
    var image: String
    var tag: String
    var port: Int64
    var serviceAccount: String
    var replicaSetHash: String
    var pods: [Pod]
    var uid: String
  }

  /// The API server's address as clients on the nodes see it.
  static let apiServerIP = "10.0.0.10"
  /// Nodes.
  var nodes: [Node]
  /// Workloads by namespace and name.
  var workloads: [Workload]
  /// Service account UIDs.
  var serviceAccountUIDs: [String: String] = [:]

  /// Namespaces of the demo cluster.
  static let namespaces = [
    "kube-system", "default", "payments", "shop", "monitoring", "ci", "cert-manager",
  ]

  /// Builds the cluster's fixed inventory from the generator.
  init(rng: inout SplitMix64) {
    nodes = (1...3).map { Node(name: "node-\($0)", uid: rng.uuid(), ip: "10.0.1.\(10 + $0)") }
    let specs: [(String, String, String, String, String, Int64, Int, String)] = [
      (
        "kube-system", "coredns", "Deployment", "registry.k8s.io/coredns/coredns", "v1.11.1", 53, 2,
        "coredns"
      ),
      (
        "shop", "frontend", "Deployment", "registry.example.com/shop/frontend", "2.14.3", 8080, 3,
        "frontend"
      ),
      (
        "shop", "checkout", "Deployment", "registry.example.com/shop/checkout", "1.41.0", 8080, 2,
        "checkout"
      ),
      ("shop", "cart", "Deployment", "registry.example.com/shop/cart", "3.2.1", 8080, 2, "cart"),
      (
        "shop", "catalog", "Deployment", "registry.example.com/shop/catalog", "5.0.7", 8080, 2,
        "catalog"
      ),
      (
        "payments", "payments-api", "Deployment", "registry.example.com/payments/api", "4.8.2",
        8443, 2, "payments-api"
      ),
      (
        "payments", "postgres", "StatefulSet", "registry.example.com/mirror/postgres", "16.4", 5432,
        1, "postgres"
      ),
      (
        "monitoring", "prometheus", "StatefulSet", "registry.example.com/mirror/prometheus",
        "v2.53.1", 9090, 1, "prometheus"
      ),
      (
        "monitoring", "grafana", "Deployment", "registry.example.com/mirror/grafana", "11.1.0",
        3000, 1, "grafana"
      ),
      (
        "ci", "argocd-application-controller", "StatefulSet", "registry.example.com/mirror/argocd",
        "v2.10.4", 8082, 1, "deployer"
      ),
      (
        "cert-manager", "cert-manager", "Deployment",
        "registry.example.com/mirror/cert-manager-controller", "v1.14.4", 9402, 1, "cert-manager"
      ),
    ]
    var workloads: [Workload] = []
    var podIP = 2
    for (i, spec) in specs.enumerated() {
      let hash = spec.2 == "Deployment" ? rng.podSuffix(10) : ""
      var pods: [Pod] = []
      for r in 0..<spec.6 {
        let node = nodes[(i + r) % nodes.count]
        let name =
          spec.2 == "StatefulSet" ? "\(spec.1)-\(r)" : "\(spec.1)-\(hash)-\(rng.podSuffix())"
        pods.append(
          Pod(name: name, uid: rng.uuid(), node: node, ip: "10.244.\((i + r) % 3).\(podIP)"))
        podIP += 1
      }
      workloads.append(
        Workload(
          namespace: spec.0, name: spec.1, kind: spec.2, image: spec.3, tag: spec.4, port: spec.5,
          serviceAccount: spec.7, replicaSetHash: hash, pods: pods, uid: rng.uuid()))
    }
    self.workloads = workloads
    for w in workloads { serviceAccountUIDs["\(w.namespace)/\(w.serviceAccount)"] = rng.uuid() }
    for sa in [
      "kube-system/replicaset-controller", "kube-system/deployment-controller",
      "kube-system/endpointslice-controller", "kube-system/certificate-controller",
      "kube-system/generic-garbage-collector", "kube-system/statefulset-controller",
      "kube-system/cronjob-controller", "kube-system/job-controller",
      "payments/reporting", "kube-system/kube-proxy",
    ] {
      serviceAccountUIDs[sa] = rng.uuid()
    }
  }

  /// The workload named `name` in `namespace`.
  func workload(_ namespace: String, _ name: String) -> Workload? {
    workloads.first { $0.namespace == namespace && $0.name == name }
  }

  /// The index of the workload named `name` in `namespace`.
  func index(_ namespace: String, _ name: String) -> Int? {
    workloads.firstIndex { $0.namespace == namespace && $0.name == name }
  }
}
