import Testing
import VigilCore

@testable import VigilKube

@Suite struct InventoryContainerTests {
  @Test func findsContainersByFullIDOrShortPrefix() throws {
    let inventory = try InventoryFixtures.loaded()
    let full = try #require(inventory.container(id: InventoryFixtures.apiContainerID))
    #expect(full.namespace == "payments" && full.podName == "api-7d9f8b6c5d-x2k4p")
    #expect(full.containerName == "api" && full.runtime == "containerd")
    #expect(inventory.container(id: "4f1c9d2a7b3e")?.containerName == "api")
    #expect(inventory.container(id: "4F1C9D2A7B3E8F60")?.containerName == "api")
    #expect(inventory.container(id: "0a0b0c0d0e0f")?.containerName == "migrate")
    let crio = try #require(inventory.container(id: "cri-o://9e8d7c6b5a4f"))
    #expect(crio.podName == "api-7d9f8b6c5d-q8z7m" && crio.runtime == "cri-o")
    #expect(inventory.container(id: "docker://77aa88bb99cc")?.podName == "backup-29407680-7vqkz")
    #expect(inventory.container(id: "4f1c9d2a7b3") == nil)  // shorter than 12
    #expect(inventory.container(id: "4f1c9d2a7b3eff") == nil)  // a prefix that does not match
    #expect(inventory.container(id: "ffffffffffff") == nil)
  }
}

@Suite struct InventoryContainerAmbiguityTests {
  @Test func ambiguousPrefixFindsNothingButFullIDDoes() throws {
    var inventory = Inventory()
    let at = Timestamp(nanoseconds: 0)
    let shared = "abcdefabcdef"
    try inventory.apply(
      .added, json: InventoryFixtures.apiPod(containerID: "containerd://\(shared)0000"), at: at)
    try inventory.apply(
      .added,
      json: InventoryFixtures.apiPod(
        name: "other", uid: "u-2", ip: "10.244.1.77", containerID: "containerd://\(shared)1111",
        initContainerID: "ffffffffffff0000"),
      at: at)
    #expect(inventory.container(id: shared) == nil)
    #expect(inventory.container(id: "\(shared)1111")?.podName == "other")
  }
}
