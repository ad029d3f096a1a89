import Testing
import VigilCore
import VigilJSON

@testable import VigilKube

/// Recognizing sensitive services and the severity of exposing them.
struct ExposureSensitivityTests {
  typealias F = ExposureFixtures
  let classifier = SensitivityClassifier()
  /// `payments/db` on an unremarkable port, so only what is behind it can tell.
  let plainPorts =
    #"[{"name": "sql", "protocol": "TCP", "port": 7000, "targetPort": 7432, "nodePort": 31700}]"#

  @Test(arguments: [
    (5432, "postgres"), (3306, "mysql"), (27017, "mongodb"), (6379, "redis"),
    (9200, "elasticsearch"),
    (9300, "elasticsearch"), (9042, "cassandra"), (5984, "couchdb"), (11211, "memcached"),
    (2379, "etcd"),
    (8200, "vault"),
  ])
  func recognizedByPort(port: Int, product: String) {
    let found = classifier.classify(.init(name: "backend", ports: [Exposure.Port(port: port)]))
    #expect(found?.product == product)
    #expect(found?.level == .high)
    #expect(found?.description == "\(product) (port \(port))")
  }

  @Test(arguments: [
    ("postgres:16", "postgres"), ("docker.io/bitnami/postgresql:16.4.0", "postgres"),
    ("mysql:8.4", "mysql"),
    ("mariadb:11", "mariadb"), ("mongo:7.0", "mongodb"),
    ("percona/percona-server-mongodb:7.0", "mongodb"),
    ("redis:7-alpine", "redis"),
    ("docker.elastic.co/elasticsearch/elasticsearch:8.15.0", "elasticsearch"),
    ("opensearchproject/opensearch:2", "elasticsearch"), ("cassandra:5", "cassandra"),
    ("hashicorp/vault:1.17@sha256:0123abcd", "vault"),
    ("quay.io/minio/minio:RELEASE.2024-10-02T17-50-41Z", "minio"),
  ])
  func recognizedByImage(image: String, product: String) {
    let subject = SensitivityClassifier.Subject(
      name: "backend", containers: [SensitivityClassifier.Container(image: image)])
    #expect(classifier.classify(subject)?.product == product)
  }

  @Test(arguments: [
    "nginx:1.27", "ghcr.io/acme/redistribution-api:2", "registry.k8s.io/pause:3.10",
  ])
  func ordinaryImagesAreNotSensitive(image: String) {
    let subject = SensitivityClassifier.Subject(
      name: "web", ports: [Exposure.Port(port: 80, targetPort: "8080")],
      containers: [SensitivityClassifier.Container(image: image, ports: [8080])])
    #expect(classifier.classify(subject) == nil)
  }

  @Test func declarationsAndMetadata() {
    let declared = classifier.classify(
      .init(name: "ledger", annotations: ["vigil.io/sensitive": "true"]))
    #expect(declared?.level == .high)
    #expect(declared?.description == "declared sensitive (vigil.io/sensitive)")
    let low = classifier.classify(
      .init(
        name: "cache", labels: ["vigil.io/sensitivity": "low"], ports: [Exposure.Port(port: 6379)]))
    #expect(low?.level == .low)
    #expect(low?.product == "redis")
    let optOut = classifier.classify(
      .init(
        name: "redis", annotations: ["vigil.io/sensitive": "false"],
        ports: [Exposure.Port(port: 6379)]))
    #expect(optOut == nil)
    let metadata = classifier.classify(.init(name: "imds", addresses: ["169.254.169.254"]))
    #expect(metadata?.description == "cloud metadata (169.254.169.254)")
    let named = classifier.classify(.init(name: "orders-postgresql"))
    #expect(named?.description == "postgres (name orders-postgresql)")
  }

  @Test func postgresServiceRecognizedByPort() throws {
    var inventory = ExposureInventory()
    let changes = try inventory.apply(json: F.paymentsDB(type: "NodePort"), at: F.time(0))
    #expect(changes.first?.severity == .critical)
    #expect(changes.first?.reason == "NodePort in front of postgres (port 5432)")
  }

  @Test func postgresServiceRecognizedByImageThroughTheResolver() throws {
    let resolver = ExposureResolver(
      workloads: { namespace, selector in
        selector["app"] == "payments-db"
          ? [WorkloadReference(kind: "StatefulSet", namespace: namespace, name: "payments-db")] : []
      },
      containers: { _, selector in
        selector["app"] == "payments-db"
          ? [SensitivityClassifier.Container(image: "postgres:16.4", ports: [7432])] : []
      })
    var inventory = ExposureInventory(resolver: resolver)
    let changes = try inventory.apply(
      json: F.paymentsDB(type: "LoadBalancer", ports: plainPorts), at: F.time(0))
    let change = try #require(changes.first)
    #expect(change.severity == .critical)
    #expect(change.reason == "LoadBalancer in front of postgres (image postgres:16.4)")
    #expect(
      change.exposure.workloads == [
        WorkloadReference(kind: "StatefulSet", namespace: "payments", name: "payments-db")
      ])
  }

  @Test func postgresServiceRecognizedByImageOfPodsItWasGiven() throws {
    var inventory = ExposureInventory()
    let before = try inventory.apply(
      json: F.paymentsDB(type: "LoadBalancer", ports: plainPorts), at: F.time(0))
    #expect(before.first?.severity == .warning)
    // The pod behind it arrives: the LoadBalancer now fronts postgres.
    let changes = try inventory.apply(json: F.paymentsDBPod(), at: F.time(5))
    let change = try #require(changes.first)
    #expect(changes.count == 1)
    #expect(change.kind == .widened)
    #expect(change.severity == .critical)
    #expect(change.summary == "Service payments/db LoadBalancer now fronts postgres")
    #expect(
      change.exposure.workloads == [
        WorkloadReference(kind: "StatefulSet", namespace: "payments", name: "payments-db")
      ])
    // Relabeled away from the selector, the pod no longer sits behind the Service.
    let relabeled = F.paymentsDBPod().replacing(#""app": "payments-db""#, with: #""app": "other""#)
    let away = try inventory.apply(json: relabeled, at: F.time(6))
    #expect(away.map(\.kind) == [.narrowed])
    #expect(away.first?.summary == "Service payments/db LoadBalancer no longer fronts postgres")
    #expect(inventory.list().first?.workloads.isEmpty == true)
    // Applied the other way round, the Service is critical from the start.
    var other = ExposureInventory()
    _ = try other.apply(json: F.paymentsDBPod(), at: F.time(0))
    let direct = try other.apply(
      json: F.paymentsDB(type: "LoadBalancer", ports: plainPorts), at: F.time(1))
    #expect(
      direct.first?.reason
        == "LoadBalancer in front of postgres (image docker.io/bitnami/postgresql:16.4.0)")
  }

  @Test func optOutAnnotationKeepsAPostgresLoadBalancerAWarning() throws {
    var inventory = ExposureInventory()
    let service = F.paymentsDB(
      type: "LoadBalancer", annotations: #"{"vigil.io/sensitive": "false"}"#)
    let changes = try inventory.apply(json: service, at: F.time(0))
    #expect(changes.first?.severity == .warning)
    #expect(changes.first?.reason == nil)
    #expect(inventory.list().first?.sensitivity == nil)
  }
}
