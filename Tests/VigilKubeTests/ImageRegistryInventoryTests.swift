import Testing
import VigilCore

@testable import VigilKube

@Suite struct ImageRegistryInventoryTests {
  let t0 = Timestamp(seconds: 1_780_000_000)

  @Test func firstUseInClusterThenInNamespace() throws {
    var inventory = RegistryInventory()
    let api = WorkloadReference(kind: "Deployment", namespace: "payments", name: "api")
    let first = try inventory.record(
      imageText: "quay.io/acme/api:1.0", namespace: "payments", workload: api, at: t0)
    #expect(first.map(\.kind) == [.firstInCluster])
    #expect(first.first?.registryClass == .public)
    #expect(first.first?.suggestedSeverity == .warning)
    #expect(
      first.first?.description
        == "first use of registry quay.io (public) in the cluster: quay.io/acme/api:1.0 by Deployment payments/api"
    )

    #expect(
      try inventory.record(
        imageText: "quay.io/acme/worker:1.0", namespace: "payments", at: t0.adding(.seconds(5))
      ).isEmpty)

    let other = try inventory.record(
      imageText: "quay.io/acme/api:1.1", namespace: "batch", at: t0.adding(.seconds(60)))
    #expect(other.map(\.kind) == [.firstInNamespace])
    #expect(
      other.first?.description
        == "first use of registry quay.io (public) in namespace batch: quay.io/acme/api:1.1")
    #expect(inventory.registries(in: "batch") == ["quay.io"])
    #expect(inventory.registries["quay.io"]?.firstSeen == t0)
    #expect(inventory.registries["quay.io"]?.namespaces["batch"] == t0.adding(.seconds(60)))
    #expect(inventory.images.count == 3)
  }

  @Test func sameImageTextNormalizesToOneImage() throws {
    var inventory = RegistryInventory()
    try inventory.record(imageText: "nginx", namespace: "web", at: t0)
    let events = try inventory.record(
      imageText: "docker.io/library/nginx:latest", namespace: "web", at: t0)
    #expect(events.isEmpty)
    #expect(inventory.images.count == 1)
  }

  @Test func seedingAnnouncesNothingButRemembers() throws {
    var inventory = RegistryInventory()
    #expect(
      try inventory.record(
        imageText: "corp.azurecr.io/a:1", namespace: "x", at: t0, announce: false
      ).isEmpty)
    #expect(try inventory.record(imageText: "corp.azurecr.io/b:1", namespace: "x", at: t0).isEmpty)
    let event = try inventory.record(imageText: "corp.azurecr.io/b:1", namespace: "y", at: t0)
    #expect(event.first?.registryClass == .cloudAccount)
    #expect(event.first?.suggestedSeverity == .informational)
  }

  @Test func outOfOrderSightingMovesFirstSeenEarlier() throws {
    var inventory = RegistryInventory()
    try inventory.record(imageText: "ghcr.io/a/b", namespace: "n", at: t0)
    try inventory.record(imageText: "ghcr.io/a/b", namespace: "n", at: t0.adding(.seconds(-30)))
    #expect(inventory.registries["ghcr.io"]?.firstSeen == t0.adding(.seconds(-30)))
    #expect(inventory.registries["ghcr.io"]?.namespaces["n"] == t0.adding(.seconds(-30)))
  }

  @Test func invalidImageThrowsAndRecordsNothing() {
    var inventory = RegistryInventory()
    #expect(throws: ImageReferenceError.self) {
      try inventory.record(imageText: "Bad/Image", namespace: "n", at: t0)
    }
    #expect(inventory.registries.isEmpty)
  }
}
