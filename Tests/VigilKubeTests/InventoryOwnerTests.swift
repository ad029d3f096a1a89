import Testing
import VigilCore
import VigilJSON

@testable import VigilKube

@Suite struct InventoryOwnerTests {
  let at = InventoryFixtures.time("2025-11-29T12:30:00Z")

  @Test func deploymentChain() throws {
    let inventory = try InventoryFixtures.loaded()
    let resolution = try #require(
      inventory.workload(ofPodNamespace: "payments", name: "api-7d9f8b6c5d-x2k4p"))
    #expect(
      resolution.workload
        == WorkloadReference(kind: "Deployment", namespace: "payments", name: "api"))
    #expect(resolution.confidence == .observed)
    #expect(
      resolution.chain.map(\.description) == [
        "ReplicaSet payments/api-7d9f8b6c5d", "Deployment payments/api",
      ])
    #expect(resolution.labels["team"] == "payments")
  }

  @Test func cronJobChain() throws {
    let inventory = try InventoryFixtures.loaded()
    let resolution = try #require(
      inventory.workload(ofPodNamespace: "ops", name: "backup-29407680-7vqkz"))
    #expect(
      resolution.workload == WorkloadReference(kind: "CronJob", namespace: "ops", name: "backup"))
    #expect(resolution.confidence == .observed)
  }

  @Test func statefulSetDaemonSetAndBarePods() throws {
    var inventory = Inventory()
    try inventory.apply(.added, json: InventoryFixtures.statefulSetPod, at: at)
    try inventory.apply(.added, json: InventoryFixtures.daemonSetPod, at: at)
    try inventory.apply(
      .added, json: #"{"kind":"Pod","metadata":{"name":"debug","namespace":"default","uid":"u1"}}"#,
      at: at)
    let db = try #require(inventory.workload(ofPodNamespace: "payments", name: "db-0"))
    #expect(db.workload.description == "StatefulSet payments/db")
    #expect(db.confidence == .ownerReference)  // the StatefulSet object was not loaded
    let exporter = try #require(
      inventory.workload(ofPodNamespace: "monitoring", name: "node-exporter-8kq2w"))
    #expect(exporter.workload.description == "DaemonSet monitoring/node-exporter")
    let bare = try #require(inventory.workload(ofPodNamespace: "default", name: "debug"))
    #expect(bare.workload.description == "Pod default/debug")
    #expect(bare.confidence == .observed)
  }

  @Test func infersDeploymentWhenReplicaSetIsMissing() throws {
    var inventory = Inventory()
    try inventory.apply(.added, json: InventoryFixtures.apiPod(), at: at)
    let resolution = try #require(
      inventory.workload(ofPodNamespace: "payments", name: "api-7d9f8b6c5d-x2k4p"))
    #expect(resolution.workload.description == "Deployment payments/api")
    #expect(resolution.confidence == .inferred)
    // Once the ReplicaSet arrives, the Deployment comes from its owner reference.
    try inventory.apply(.added, json: InventoryFixtures.replicaSet, at: at)
    #expect(
      inventory.workload(ofPodNamespace: "payments", name: "api-7d9f8b6c5d-x2k4p")?.confidence
        == .ownerReference)
    try inventory.apply(.added, json: InventoryFixtures.deployment, at: at)
    #expect(
      inventory.workload(ofPodNamespace: "payments", name: "api-7d9f8b6c5d-x2k4p")?.confidence
        == .observed)
    // The identity index follows: the pod's holder now names the observed workload.
    let address = try InventoryFixtures.ip("10.244.1.5")
    let holder = try #require(inventory.identities.holder(of: address, at: at))
    #expect(holder.workloadConfidence == .observed)
  }

  @Test func infersCronJobWhenJobIsMissing() throws {
    var inventory = Inventory()
    try inventory.apply(.added, json: InventoryFixtures.jobPod, at: at)
    let resolution = try #require(
      inventory.workload(ofPodNamespace: "ops", name: "backup-29407680-7vqkz"))
    #expect(resolution.workload.description == "CronJob ops/backup")
    #expect(resolution.confidence == .inferred)
  }

  @Test func namingConventions() {
    #expect(
      Inventory.deploymentName(ofReplicaSet: "api-7d9f8b6c5d", podTemplateHash: "7d9f8b6c5d")
        == "api")
    #expect(
      Inventory.deploymentName(ofReplicaSet: "my-app-5c8f9b7d4", podTemplateHash: nil) == "my-app")
    #expect(Inventory.deploymentName(ofReplicaSet: "frontend", podTemplateHash: nil) == nil)
    // `e` is not in the alphabet of generated names.
    #expect(Inventory.deploymentName(ofReplicaSet: "web-server", podTemplateHash: nil) == nil)
    #expect(Inventory.cronJobName(ofJob: "backup-29407680") == "backup")
    #expect(Inventory.cronJobName(ofJob: "migrate-1") == nil)
  }
}
