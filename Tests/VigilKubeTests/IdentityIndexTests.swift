import Testing
import VigilCore

@testable import VigilKube

@Suite struct IdentityIndexTests {
  func ip(_ text: String) throws -> IPAddress { try InventoryFixtures.ip(text) }
  func t(_ seconds: Int) -> Timestamp { Timestamp(nanoseconds: Int64(seconds) * 1_000_000_000) }

  /// Pod A holds 10.244.1.5 until t=100; pod B gets it at t=200.
  @Test func reusedPodIPResolvesByTime() throws {
    var inventory = Inventory()
    let a = InventoryFixtures.apiPod(created: "1970-01-01T00:00:00Z")
    try inventory.apply(.added, json: a, at: t(0))
    try inventory.apply(.deleted, json: a, at: t(100))
    let b = InventoryFixtures.apiPod(
      name: "api-7d9f8b6c5d-n3w9p", uid: "bbbbbbbb-0000-4000-8000-000000000002",
      created: "1970-01-01T00:03:20Z")
    try inventory.apply(.added, json: b, at: t(200))
    let address = try ip("10.244.1.5")
    #expect(inventory.resolve(ip: address, at: t(50)).holder?.name == "api-7d9f8b6c5d-x2k4p")
    let gap = inventory.resolve(ip: address, at: t(150))
    #expect(gap.holder == nil)
    #expect(gap.confidence != .exact)
    let later = inventory.resolve(ip: address, at: t(300))
    #expect(later.holder?.name == "api-7d9f8b6c5d-n3w9p")
    #expect(later.confidence == .exact)
    #expect(
      later.description == "payments/api-7d9f8b6c5d-n3w9p (Deployment payments/api, inferred)")
    #expect(inventory.resolve(ip: address, at: t(-10)).holder == nil)
  }

  @Test func relistTakesAddressFromMissingPod() throws {
    var inventory = Inventory()
    try inventory.apply(
      .added, json: InventoryFixtures.apiPod(created: "1970-01-01T00:00:00Z"), at: t(0))
    // The pod was deleted while the watch was down; the relist shows another pod with its IP.
    let b = InventoryFixtures.apiPod(
      name: "api-7d9f8b6c5d-n3w9p", uid: "bbbbbbbb-0000-4000-8000-000000000002",
      created: "1970-01-01T00:03:20Z")
    let diagnostics = inventory.replaceAll(
      kind: .pod, objects: [try InventoryFixtures.value(b)], at: t(400))
    #expect(diagnostics.isEmpty)
    #expect(inventory.pods.count == 1)
    #expect(inventory.pod(namespace: "payments", name: "api-7d9f8b6c5d-x2k4p") == nil)
    let address = try ip("10.244.1.5")
    #expect(inventory.resolve(ip: address, at: t(100)).holder?.name == "api-7d9f8b6c5d-x2k4p")
    #expect(inventory.resolve(ip: address, at: t(300)).holder?.name == "api-7d9f8b6c5d-n3w9p")
  }

  @Test func servicesAndNodesResolve() throws {
    let inventory = try InventoryFixtures.loaded()
    let now = InventoryFixtures.time("2025-11-29T13:00:00Z")
    let cluster = inventory.resolve(ip: try ip("10.96.12.34"), at: now)
    #expect(cluster.addressClass == .service)
    #expect(cluster.description == "Service payments/api (ClusterIP)")
    #expect(inventory.resolve(ip: try ip("203.0.113.10"), at: now).addressClass == .loadBalancer)
    #expect(inventory.resolve(ip: try ip("198.51.100.7"), at: now).addressClass == .externalIP)
    let node = inventory.resolve(ip: try ip("192.168.10.11"), at: now)
    #expect(node.addressClass == .node)  // the hostNetwork pod does not shadow its node
    #expect(node.holder?.name == "worker-1")
    #expect(inventory.resolve(ip: try ip("34.120.5.6"), at: now).holder?.name == "worker-1")
    let pod = inventory.resolve(ip: try ip("10.244.1.5"), at: now)
    #expect(pod.description == "payments/api-7d9f8b6c5d-x2k4p (Deployment payments/api)")
    #expect(inventory.resolve(ip: try ip("fd00:10:244:1::7"), at: now).holder?.name == "db-0")
    // Before the service existed, its ClusterIP was held by nobody.
    #expect(
      inventory.resolve(
        ip: try ip("10.96.12.34"), at: InventoryFixtures.time("2025-10-01T00:00:00Z")
      ).holder == nil)
  }

  @Test func classifiesUnheldAddresses() throws {
    var inventory = try InventoryFixtures.loaded()
    let now = InventoryFixtures.time("2025-11-29T13:00:00Z")
    func check(_ text: String, _ expected: AddressClass, _ confidence: IdentityConfidence) throws {
      let resolution = inventory.resolve(ip: try ip(text), at: now)
      #expect(resolution.holder == nil, "\(text)")
      #expect(resolution.addressClass == expected, "\(text)")
      #expect(resolution.confidence == confidence, "\(text)")
    }
    try check("127.0.0.1", .loopback, .cidrMatch)
    try check("::1", .loopback, .cidrMatch)
    try check("169.254.169.254", .cloudMetadata, .cidrMatch)
    try check("fd00:ec2::254", .cloudMetadata, .cidrMatch)
    try check("169.254.1.1", .linkLocal, .cidrMatch)
    try check("fe80::1", .linkLocal, .cidrMatch)
    try check("10.244.1.99", .podCIDR, .cidrMatch)  // worker-1's pod CIDR
    try check("fd00:10:244:1::99", .podCIDR, .cidrMatch)
    try check("10.96.0.1", .serviceCIDR, .inferred)  // inferred from the ClusterIPs seen
    try check("10.20.0.1", .privateNetwork, .cidrMatch)
    try check("172.16.5.4", .privateNetwork, .cidrMatch)
    try check("192.168.99.1", .privateNetwork, .cidrMatch)
    try check("100.64.0.1", .privateNetwork, .cidrMatch)
    try check("fd12::1", .privateNetwork, .cidrMatch)
    try check("8.8.8.8", .publicInternet, .cidrMatch)
    try check("2606:4700::1111", .publicInternet, .cidrMatch)
    try check("224.0.0.251", .multicast, .cidrMatch)
    #expect(
      inventory.resolve(ip: try ip("10.244.1.99"), at: now).description
        == "10.244.1.99 (pod-cidr of node worker-1, no known pod)")
    // A node address after the node is gone: still a node, inferred.
    try inventory.apply(.deleted, json: InventoryFixtures.node, at: now)
    let later = InventoryFixtures.time("2025-11-29T14:00:00Z")
    let gone = inventory.resolve(ip: try ip("34.120.5.6"), at: later)
    #expect(
      gone.addressClass == .node && gone.confidence == .inferred && gone.nodeName == "worker-1")
    #expect(
      inventory.resolve(ip: try ip("34.120.5.6"), at: now.adding(.seconds(-1))).confidence == .exact
    )
  }

  @Test func loadBalancerIPHeldFromWhenItAppeared() throws {
    var inventory = Inventory()
    let pending = InventoryFixtures.loadBalancerService.replacingIngress()
    try inventory.apply(.added, json: pending, at: t(0))
    try inventory.apply(.modified, json: InventoryFixtures.loadBalancerService, at: t(60))
    let lb = try ip("203.0.113.10")
    #expect(inventory.resolve(ip: lb, at: t(30)).addressClass == .publicInternet)
    #expect(inventory.resolve(ip: lb, at: t(90)).addressClass == .loadBalancer)
    #expect(
      inventory.resolve(ip: lb, at: t(90)).description == "Service payments/public (LoadBalancer)")
  }

  @Test func configuredRanges() throws {
    let inventory = Inventory(
      clusterCIDRs: [try InventoryFixtures.network("10.0.0.0/14")],
      serviceCIDRs: [try InventoryFixtures.network("172.20.0.0/16")])
    let now = t(0)
    #expect(inventory.resolve(ip: try ip("10.3.9.9"), at: now).addressClass == .podCIDR)
    let service = inventory.resolve(ip: try ip("172.20.1.1"), at: now)
    #expect(service.addressClass == .serviceCIDR && service.confidence == .cidrMatch)
    #expect(inventory.resolve(ip: try ip("10.4.0.1"), at: now).addressClass == .privateNetwork)
  }

  @Test func podIPChangeClosesTheOldAddress() throws {
    var inventory = Inventory()
    try inventory.apply(
      .added, json: InventoryFixtures.apiPod(created: "1970-01-01T00:00:00Z"), at: t(0))
    try inventory.apply(
      .modified, json: InventoryFixtures.apiPod(ip: "10.244.1.6", created: "1970-01-01T00:00:00Z"),
      at: t(60))
    #expect(inventory.resolve(ip: try ip("10.244.1.5"), at: t(30)).holder != nil)
    #expect(inventory.resolve(ip: try ip("10.244.1.5"), at: t(90)).holder == nil)
    #expect(inventory.resolve(ip: try ip("10.244.1.6"), at: t(30)).holder == nil)
    #expect(
      inventory.resolve(ip: try ip("10.244.1.6"), at: t(90)).holder?.name == "api-7d9f8b6c5d-x2k4p")
  }
}

@Suite struct IdentityIndexForgetTests {
  func t(_ seconds: Int) -> Timestamp { Timestamp(nanoseconds: Int64(seconds) * 1_000_000_000) }

  @Test func forgetsEndedHistoryButKeepsLiveHolders() throws {
    var inventory = Inventory()
    let a = InventoryFixtures.apiPod(created: "1970-01-01T00:00:00Z")
    try inventory.apply(.added, json: a, at: t(0))
    try inventory.apply(.deleted, json: a, at: t(100))
    let b = InventoryFixtures.apiPod(
      name: "api-7d9f8b6c5d-n3w9p", uid: "bbbbbbbb-0000-4000-8000-000000000002",
      created: "1970-01-01T00:03:20Z")
    try inventory.apply(.added, json: b, at: t(200))
    try inventory.apply(.added, json: InventoryFixtures.statefulSetPod, at: t(200))
    #expect(inventory.identities.intervalCount == 4)
    inventory.forgetIdentities(before: t(150))
    #expect(inventory.identities.intervalCount == 3)
    let address = try InventoryFixtures.ip("10.244.1.5")
    #expect(inventory.resolve(ip: address, at: t(50)).holder == nil)
    #expect(inventory.resolve(ip: address, at: t(300)).holder?.name == "api-7d9f8b6c5d-n3w9p")
    #expect(
      inventory.resolve(ip: try InventoryFixtures.ip("fd00:10:244:1::7"), at: t(300)).holder?.name
        == "db-0")
    // Live holders still release and take addresses after the rebuild.
    try inventory.apply(.deleted, json: b, at: t(400))
    #expect(inventory.resolve(ip: address, at: t(500)).holder == nil)
    #expect(inventory.resolve(ip: address, at: t(399)).holder != nil)
  }
}
