/// The simulated cluster's fixed shape: nodes, namespaces, workloads, people and the CD
/// identity. ``standard`` is the cluster of the scenario suite (6 namespaces, 15 workloads).
public struct ScenarioCluster: Sendable {
  /// A node and its pod range (`10.244.<index>.0/24`).
  public struct Node: Sendable, Hashable {
    /// `metadata.name`.
    public var name: String
    /// Its InternalIP.
    public var address: String
    /// The third octet of its pod range.
    public var podSubnet: Int
  }

  /// A person using kubectl in working hours.
  public struct Person: Sendable, Hashable {
    /// The user name.
    public var name: String
    /// Where their requests come from (VPN).
    public var sourceIP: String
    /// Namespaces they work in.
    public var namespaces: [String]
  }

  /// The nodes.
  public var nodes: [Node]
  /// Namespaces at the start (each with an `environment` label where it has one).
  public var namespaces: [(name: String, environment: String?)]
  /// The workloads.
  public var workloads: [ScenarioWorkload]
  /// The people.
  public var people: [Person]
  /// The CD identity that deploys (Argo CD's application controller).
  public var deployer: String
  /// The CD identity's source IP (its pod).
  public var deployerIP: String
  /// The kube-dns Service address.
  public var dnsServiceIP: String
  /// The external domains and their addresses.
  public var externalAddresses: [String: String]

  /// The workload `namespace/name`.
  public func workload(_ namespace: String, _ name: String) -> ScenarioWorkload? {
    workloads.first { $0.namespace == namespace && $0.name == name }
  }

  /// The suite's cluster.
  public static let standard: ScenarioCluster = {
    typealias W = ScenarioWorkload
    func call(_ namespace: String, _ name: String, _ port: UInt16, _ perHour: Double) -> W.Call {
      W.Call(namespace: namespace, name: name, port: port, perHour: perHour)
    }
    let registry = "registry.example.com"
    let workloads: [W] = [
      W(
        name: "payments-api", namespace: "prod-payments", kind: .deployment,
        repository: "\(registry)/payments/api", tag: "2.14.0", replicas: 3, port: 8080,
        serviceAccount: "payments-api",
        calls: [call("prod-payments", "postgres", 5432, 6)],
        domains: [("api.stripe.com", 2)], bytesOut: 2_000, busyReplicas: nil, runtime: "java"),
      W(
        name: "postgres", namespace: "prod-payments", kind: .statefulSet,
        repository: "\(registry)/platform/postgres", tag: "16.4", replicas: 1, port: 5432,
        serviceAccount: "postgres", calls: [], domains: [], bytesOut: 20_000, busyReplicas: nil,
        runtime: "c"),
      W(
        name: "ledger-worker", namespace: "prod-payments", kind: .deployment,
        repository: "\(registry)/payments/ledger", tag: "1.8.3", replicas: 2, port: 0,
        serviceAccount: "ledger-worker",
        calls: [
          call("prod-payments", "postgres", 5432, 4),
          call("prod-payments", "payments-api", 8080, 2),
        ],
        domains: [("s3.eu-west-1.amazonaws.com", 1)], bytesOut: 8_000, busyReplicas: nil,
        runtime: "go"),
      W(
        name: "settlement-report", namespace: "prod-payments", kind: .cronJob,
        repository: "\(registry)/payments/settlement", tag: "0.9.1", replicas: 1, port: 0,
        serviceAccount: "settlement-report",
        calls: [call("prod-payments", "postgres", 5432, 20)],
        domains: [("s3.eu-west-1.amazonaws.com", 4)], bytesOut: 50_000, busyReplicas: nil,
        runtime: "python"),
      W(
        name: "frontend", namespace: "prod-web", kind: .deployment,
        repository: "\(registry)/web/frontend", tag: "5.2.0", replicas: 3, port: 8080,
        serviceAccount: "frontend",
        calls: [
          call("prod-web", "catalog", 8080, 10), call("prod-payments", "payments-api", 8080, 4),
        ],
        domains: [("www.google-analytics.com", 1)], bytesOut: 1_500, busyReplicas: 5,
        runtime: "node"),
      W(
        name: "catalog", namespace: "prod-web", kind: .deployment,
        repository: "\(registry)/web/catalog", tag: "3.7.1", replicas: 2, port: 8080,
        serviceAccount: "catalog", calls: [call("prod-web", "catalog-redis", 6379, 12)],
        domains: [], bytesOut: 1_000, busyReplicas: nil, runtime: "java"),
      W(
        name: "catalog-redis", namespace: "prod-web", kind: .deployment,
        repository: "\(registry)/platform/redis", tag: "7.2.5", replicas: 1, port: 6379,
        serviceAccount: "default", calls: [], domains: [], bytesOut: 3_000, busyReplicas: nil,
        runtime: "c"),
      W(
        name: "frontend", namespace: "staging-web", kind: .deployment,
        repository: "\(registry)/web/frontend", tag: "5.3.0-rc1", replicas: 1, port: 8080,
        serviceAccount: "frontend", calls: [call("staging-web", "catalog", 8080, 3)],
        domains: [], bytesOut: 1_500, busyReplicas: nil, runtime: "node"),
      W(
        name: "catalog", namespace: "staging-web", kind: .deployment,
        repository: "\(registry)/web/catalog", tag: "3.8.0-rc2", replicas: 1, port: 8080,
        serviceAccount: "catalog", calls: [], domains: [], bytesOut: 1_000, busyReplicas: nil,
        runtime: "java"),
      W(
        name: "jenkins", namespace: "dev-tools", kind: .deployment,
        repository: "\(registry)/tools/jenkins", tag: "2.462", replicas: 1, port: 8080,
        serviceAccount: "jenkins", calls: [],
        domains: [("github.com", 3), ("repo1.maven.org", 2)], bytesOut: 4_000, busyReplicas: nil,
        runtime: "java"),
      W(
        name: "docs", namespace: "dev-tools", kind: .deployment,
        repository: "\(registry)/tools/docs", tag: "1.3.0", replicas: 1, port: 8080,
        serviceAccount: "default", calls: [call("dev-tools", "jenkins", 8080, 1)], domains: [],
        bytesOut: 800, busyReplicas: nil, runtime: "node"),
      W(
        name: "cache-warmer", namespace: "dev-tools", kind: .cronJob,
        repository: "\(registry)/tools/cache-warmer", tag: "0.4.0", replicas: 1, port: 0,
        serviceAccount: "default", calls: [call("dev-tools", "docs", 8080, 30)], domains: [],
        bytesOut: 500, busyReplicas: nil, runtime: "go"),
      W(
        name: "prometheus", namespace: "monitoring", kind: .statefulSet,
        repository: "\(registry)/mirror/prometheus", tag: "v2.54.1", replicas: 1, port: 9090,
        serviceAccount: "prometheus", calls: [], domains: [], bytesOut: 400, busyReplicas: nil,
        runtime: "go"),
      W(
        name: "node-exporter", namespace: "monitoring", kind: .daemonSet,
        repository: "\(registry)/mirror/node-exporter", tag: "v1.8.2", replicas: 3, port: 9100,
        serviceAccount: "node-exporter", calls: [], domains: [], bytesOut: 300,
        busyReplicas: nil, runtime: "go"),
      W(
        name: "coredns", namespace: "kube-system", kind: .deployment,
        repository: "\(registry)/mirror/coredns", tag: "1.11.3", replicas: 2, port: 53,
        serviceAccount: "coredns", calls: [], domains: [], bytesOut: 100, busyReplicas: nil,
        runtime: "go"),
    ]
    return ScenarioCluster(
      nodes: (1...3).map { Node(name: "node-\($0)", address: "10.0.0.\(10 + $0)", podSubnet: $0) },
      namespaces: [
        ("prod-payments", "prod"), ("prod-web", "prod"), ("staging-web", "staging"),
        ("dev-tools", "dev"), ("monitoring", nil), ("kube-system", nil), ("argocd", nil),
        ("default", nil),
      ],
      workloads: workloads,
      people: [
        Person(
          name: "alice@example.com", sourceIP: "10.8.0.21",
          namespaces: ["prod-payments", "prod-web"]),
        Person(
          name: "bob@example.com", sourceIP: "10.8.0.34", namespaces: ["prod-web", "staging-web"]),
        Person(
          name: "carol@example.com", sourceIP: "10.8.0.47",
          namespaces: ["dev-tools", "staging-web"]),
      ],
      deployer: "system:serviceaccount:argocd:argocd-application-controller",
      deployerIP: "10.244.3.200",
      dnsServiceIP: "10.96.0.10",
      externalAddresses: [
        "api.stripe.com": "54.187.174.169", "s3.eu-west-1.amazonaws.com": "52.218.16.26",
        "www.google-analytics.com": "142.250.179.206", "github.com": "140.82.121.4",
        "repo1.maven.org": "151.101.40.209",
      ])
  }()
}
