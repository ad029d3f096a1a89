import Testing
import VigilCore
import VigilJSON

@testable import VigilKube

@Suite struct InventoryListTests {
  @Test func importsKubectlListOfMixedKinds() throws {
    var inventory = Inventory()
    let summary = inventory.import(
      list: try InventoryFixtures.value(InventoryFixtures.kubectlList),
      at: InventoryFixtures.time("2025-11-29T12:30:00Z"))
    #expect(summary.counts[.pod] == 5)
    #expect(summary.counts[.service] == 3)
    #expect(summary.counts[.node] == 1)
    #expect(summary.counts[.namespace] == 1)
    #expect(summary.counts[.deployment] == 1)
    #expect(summary.counts[.replicaSet] == 1)
    #expect(summary.counts[.cronJob] == 1)
    #expect(summary.counts[.job] == 1)
    #expect(summary.counts[.endpointSlice] == 1)
    #expect(summary.total == 15)
    #expect(summary.ignored == ["ConfigMap": 1])
    #expect(summary.diagnostics.count == 1)
    let diagnostic = try #require(summary.diagnostics.first)
    #expect(diagnostic.index == 16)
    #expect(diagnostic.error.code == .missingName)
    #expect(diagnostic.description == "items[16] (Pod payments): no metadata.name")
    #expect(inventory.pods.count == 5)
  }

  @Test func typedListItemsWithoutKind() throws {
    let list = """
      {"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"9"},"items":[
      {"metadata":{"name":"a","namespace":"default","uid":"1"},"status":{"podIP":"10.244.3.3"}},
      {"metadata":{"name":"b","namespace":"default","uid":"2"}}]}
      """
    var inventory = Inventory()
    let summary = inventory.import(
      list: try InventoryFixtures.value(list), at: Timestamp(nanoseconds: 10))
    #expect(summary.counts == [.pod: 2])
    #expect(
      inventory.resolve(ip: try InventoryFixtures.ip("10.244.3.3"), at: Timestamp(nanoseconds: 10))
        .holder?.name == "a")
  }

  @Test func notAList() throws {
    var inventory = Inventory()
    let summary = inventory.import(
      list: try InventoryFixtures.value(#"{"kind":"Pod"}"#), at: Timestamp(nanoseconds: 0))
    #expect(summary.total == 0 && summary.diagnostics.count == 1)
    #expect(throws: InventoryError.self) {
      _ = try inventory.import(json: Array("{not json".utf8), at: Timestamp(nanoseconds: 0))
    }
  }

  @Test func relistDeletesMissingObjectsOfThatKindOnly() throws {
    var inventory = try InventoryFixtures.loaded()
    let relistAt = InventoryFixtures.time("2025-11-29T13:00:00Z")
    let diagnostics = inventory.replaceAll(
      kind: .pod,
      objects: [
        try InventoryFixtures.value(InventoryFixtures.secondAPIPod),
        try InventoryFixtures.value(InventoryFixtures.brokenPod),
      ],
      at: relistAt)
    #expect(diagnostics.map(\.index) == [1])
    #expect(inventory.pods.keys.map(\.name) == ["api-7d9f8b6c5d-q8z7m"])
    #expect(inventory.services.count == 3)  // other kinds untouched
    let address = try InventoryFixtures.ip("10.244.1.5")
    #expect(inventory.resolve(ip: address, at: relistAt.adding(.seconds(-1))).holder != nil)
    #expect(inventory.resolve(ip: address, at: relistAt).holder == nil)
    #expect(inventory.container(id: InventoryFixtures.apiContainerID) == nil)
    // Relisting services: a service missing from the list loses its ClusterIP.
    inventory.replaceAll(
      kind: .service, objects: [try InventoryFixtures.value(InventoryFixtures.clusterIPService)],
      at: relistAt)
    #expect(inventory.services.count == 1)
    #expect(
      inventory.resolve(
        ip: try InventoryFixtures.ip("203.0.113.10"), at: relistAt.adding(.seconds(1))
      ).holder == nil)
  }

  @Test func watchDeleteAndModify() throws {
    var inventory = try InventoryFixtures.loaded()
    let at = InventoryFixtures.time("2025-11-29T13:00:00Z")
    try inventory.apply(.deleted, json: InventoryFixtures.deployment, at: at)
    #expect(inventory.workload(.deployment, namespace: "payments", name: "api") == nil)
    #expect(
      inventory.workload(ofPodNamespace: "payments", name: "api-7d9f8b6c5d-x2k4p")?.confidence
        == .ownerReference)
    try inventory.apply(.deleted, json: InventoryFixtures.namespace, at: at)
    #expect(inventory.namespaces.isEmpty)
  }
}
