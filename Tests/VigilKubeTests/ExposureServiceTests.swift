import Testing
import VigilCore
import VigilJSON

@testable import VigilKube

/// Services: ClusterIP, NodePort, LoadBalancer, external IPs, and how their changes are worded.
struct ExposureServiceTests {
  typealias F = ExposureFixtures
  let db = ObjectKey(kind: "Service", namespace: "payments", name: "db")

  @Test func clusterIPServiceIsNoExposure() throws {
    var inventory = ExposureInventory()
    let changes = try inventory.apply(json: F.paymentsDB(), at: F.time(0))
    #expect(changes.isEmpty)
    #expect(inventory.list().isEmpty)
  }

  @Test func nodePortServiceIsAWarning() throws {
    var inventory = ExposureInventory()
    let changes = try inventory.apply(json: F.shopWebNodePort, at: F.time(5))
    let change = try #require(changes.first)
    #expect(changes.count == 1)
    #expect(change.kind == .added)
    #expect(change.severity == .warning)
    #expect(change.reason == nil)
    #expect(change.summary == "New Service shop/web NodePort (ports 80/TCP (node port 30080))")
    let exposure = try #require(inventory.list().first)
    #expect(exposure.kind == .nodePort)
    #expect(
      exposure.ports == [Exposure.Port(name: "http", port: 80, targetPort: "8080", nodePort: 30080)]
    )
    #expect(exposure.selector == ["app": "web"])
    #expect(exposure.manager == "helm")
    #expect(exposure.firstSeen == F.time(5))
  }

  @Test func loadBalancerWithStatusAddressesInFrontOfPostgresIsCritical() throws {
    var inventory = ExposureInventory()
    let changes = try inventory.apply(
      json: F.paymentsDB(type: "LoadBalancer", status: F.loadBalancerStatus), at: F.time(0))
    let change = try #require(changes.first)
    #expect(change.kind == .added)
    #expect(change.severity == .critical)
    #expect(change.reason == "LoadBalancer in front of postgres (port 5432)")
    let exposure = try #require(inventory.exposures(of: db).first)
    #expect(exposure.kind == .loadBalancer)
    #expect(
      exposure.addresses == ["203.0.113.10", "a1b2c3-payments-db.elb.us-east-1.amazonaws.com"])
    #expect(exposure.backends == [Exposure.Backend(service: db)])
    #expect(exposure.sensitivity?.product == "postgres")
    #expect(change.description.contains("addresses 203.0.113.10"))
  }

  @Test func clusterIPToLoadBalancerIsWidened() throws {
    var inventory = ExposureInventory()
    _ = try inventory.apply(json: F.paymentsDB(), at: F.time(0))
    let changes = try inventory.apply(
      json: F.paymentsDB(type: "LoadBalancer", resourceVersion: 48300), at: F.time(60))
    #expect(changes.count == 1)
    let change = try #require(changes.first)
    #expect(change.kind == .widened)
    #expect(change.severity == .critical)
    #expect(
      change.summary
        == "Service payments/db changed from ClusterIP to LoadBalancer (ports 5432/TCP)")
    #expect(
      change.description
        == "Service payments/db changed from ClusterIP to LoadBalancer (ports 5432/TCP) — LoadBalancer in front of postgres (port 5432)"
    )
    #expect(change.previous == nil)
    #expect(change.exposure.firstSeen == F.time(60))
  }

  @Test func loadBalancerBackToClusterIPIsNarrowedAndInformational() throws {
    var inventory = ExposureInventory()
    _ = try inventory.apply(json: F.paymentsDB(type: "LoadBalancer"), at: F.time(0))
    let changes = try inventory.apply(json: F.paymentsDB(), at: F.time(10))
    let change = try #require(changes.first)
    #expect(change.kind == .narrowed)
    #expect(change.severity == .informational)
    #expect(change.reason == nil)
    #expect(change.summary.hasPrefix("Service payments/db changed from LoadBalancer to ClusterIP"))
    #expect(inventory.list().isEmpty)
  }

  @Test func aPortAddedToALoadBalancerIsWidened() throws {
    var inventory = ExposureInventory()
    _ = try inventory.apply(json: F.paymentsDB(type: "LoadBalancer"), at: F.time(0))
    let changes = try inventory.apply(
      json: F.paymentsDB(type: "LoadBalancer", ports: F.postgresAndMetricsPorts), at: F.time(30))
    let change = try #require(changes.first)
    #expect(changes.count == 1)
    #expect(change.kind == .widened)
    #expect(
      change.summary
        == "Service payments/db LoadBalancer gained port 9187/TCP, gained node port 30187/TCP")
    #expect(change.exposure.firstSeen == F.time(0))
    #expect(change.previous?.ports.count == 1)
  }

  @Test func aLoadBalancerGettingItsAddressIsAnUpdate() throws {
    var inventory = ExposureInventory()
    _ = try inventory.apply(json: F.paymentsDB(type: "LoadBalancer"), at: F.time(0))
    let changes = try inventory.apply(
      json: F.paymentsDB(type: "LoadBalancer", status: F.loadBalancerStatus), at: F.time(20))
    let change = try #require(changes.first)
    #expect(change.kind == .updated)
    #expect(change.severity == .informational)
    #expect(change.summary.contains("got address 203.0.113.10"))
  }

  @Test func reapplyingTheSameObjectChangesNothing() throws {
    var inventory = ExposureInventory()
    _ = try inventory.apply(json: F.shopWebNodePort, at: F.time(0))
    #expect(try inventory.apply(json: F.shopWebNodePort, at: F.time(1)).isEmpty)
  }

  @Test func externalIPsOnAClusterIPServiceAreAnExposure() throws {
    var inventory = ExposureInventory()
    _ = try inventory.apply(json: F.shopAPI(), at: F.time(0))
    let added = try inventory.apply(
      json: F.shopAPI(externalIPs: #"["198.51.100.7"]"#), at: F.time(5))
    let change = try #require(added.first)
    #expect(change.kind == .widened)
    #expect(change.exposure.kind == .externalIP)
    #expect(change.exposure.addresses == ["198.51.100.7"])
    #expect(change.summary.hasPrefix("Service shop/api gained external IPs"))
    #expect(change.severity == .warning)
    let more = try inventory.apply(
      json: F.shopAPI(externalIPs: #"["198.51.100.7", "198.51.100.8"]"#), at: F.time(6))
    #expect(more.map(\.kind) == [.widened])
    #expect(more.first?.summary == "Service shop/api external IPs gained external IP 198.51.100.8")
  }

  @Test func deletingALoadBalancerRemovesItAtInformational() throws {
    var inventory = ExposureInventory()
    _ = try inventory.apply(json: F.paymentsDB(type: "LoadBalancer"), at: F.time(0))
    let changes = inventory.delete(db, at: F.time(90))
    let change = try #require(changes.first)
    #expect(change.kind == .removed)
    #expect(change.severity == .informational)
    #expect(change.summary.hasPrefix("Removed Service payments/db LoadBalancer"))
    #expect(inventory.list().isEmpty)
    #expect(inventory.delete(db, at: F.time(91)).isEmpty)
  }

  @Test func internalAndSourceRestrictedLoadBalancersAreNotices() throws {
    var inventory = ExposureInventory(classifier: SensitivityClassifier(products: []))
    let internalLB = F.paymentsDB(
      type: "LoadBalancer",
      annotations: #"{"service.beta.kubernetes.io/aws-load-balancer-scheme": "internal"}"#)
    #expect(try inventory.apply(json: internalLB, at: F.time(0)).first?.severity == .notice)
    let restricted = F.paymentsDB(
      type: "LoadBalancer", extraSpec: #", "loadBalancerSourceRanges": ["10.0.0.0/8"]"#)
    // Internal to source-restricted: neither is open to every client, so nothing widened.
    #expect(try inventory.apply(json: restricted, at: F.time(1)).isEmpty)
    #expect(inventory.list().first?.severity == .notice)
    let opened = try inventory.apply(json: F.paymentsDB(type: "LoadBalancer"), at: F.time(2))
    #expect(opened.first?.kind == .widened)
    #expect(opened.first?.severity == .warning)
    #expect(opened.first?.summary.contains("opened to all clients") == true)
  }

  @Test func objectsWithoutKindOrNameAreErrors() throws {
    var inventory = ExposureInventory()
    #expect(throws: ExposureDecodeError(.missingKind)) {
      try inventory.apply(json: #"{"metadata": {"name": "x"}}"#, at: F.time(0))
    }
    #expect(throws: ExposureDecodeError(.missingName(kind: "Service"))) {
      try inventory.apply(json: #"{"kind": "Service", "metadata": {}}"#, at: F.time(0))
    }
    #expect(throws: ExposureDecodeError(.notAnObject)) {
      try inventory.apply(json: "[]", at: F.time(0))
    }
    #expect(throws: ExposureDecodeError.self) { try inventory.apply(json: "{", at: F.time(0)) }
    let other = #"{"kind": "ConfigMap", "metadata": {"name": "x"}}"#
    #expect(try inventory.apply(json: other, at: F.time(0)).isEmpty)
  }

  @Test func aListAppliesEachItem() throws {
    var inventory = ExposureInventory()
    // List items come without `kind` and `apiVersion`.
    let web = F.shopWebNodePort.replacing(#""kind": "Service","#, with: "")
      .replacing(#""apiVersion": "v1","#, with: "")
    #expect(web.contains("\"kind\"") == false)
    let list = """
      {"kind": "ServiceList", "apiVersion": "v1", "metadata": {"resourceVersion": "90200"},
       "items": [\(web), \(F.paymentsDB(type: "LoadBalancer"))]}
      """
    let changes = try inventory.apply(json: list, at: F.time(0))
    #expect(changes.map(\.exposure.source.name) == ["web", "db"])
    #expect(inventory.list().map(\.source.name) == ["db", "web"])
  }
}
