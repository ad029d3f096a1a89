import Testing
import VigilCore
import VigilJSON

@testable import VigilKube

/// Pods that bind host ports or run on the node's network.
struct ExposurePodTests {
  typealias F = ExposureFixtures

  @Test func hostPortPodExposesOnlyItsHostPorts() throws {
    var inventory = ExposureInventory()
    let changes = try inventory.apply(json: F.ingressControllerPod, at: F.time(0))
    let change = try #require(changes.first)
    #expect(change.kind == .added)
    #expect(change.severity == .warning)
    #expect(change.exposure.kind == .hostPort)
    #expect(change.exposure.ports.map(\.port) == [80, 443])
    #expect(change.exposure.addresses == ["10.0.1.17"])
    #expect(
      change.exposure.workloads
        == [
          WorkloadReference(
            kind: "ReplicaSet", namespace: "ingress-nginx",
            name: "ingress-nginx-controller-5c8d66c76d")
        ])
    #expect(
      change.summary
        == "New Pod ingress-nginx/ingress-nginx-controller-5c8d66c76d-v2kq9 hostPort (ports 80/TCP, 443/TCP; addresses 10.0.1.17)"
    )
  }

  @Test func hostNetworkPodUsesTheResolverForItsWorkload() throws {
    let resolver = ExposureResolver(podWorkload: { pod, owner in
      owner.map {
        WorkloadReference(kind: $0.kind, namespace: pod.namespace, name: $0.name + "-resolved")
      }
    })
    var inventory = ExposureInventory(resolver: resolver)
    let changes = try inventory.apply(json: F.nodeExporterPod, at: F.time(0))
    let change = try #require(changes.first)
    #expect(change.exposure.kind == .hostNetwork)
    #expect(change.severity == .warning)
    #expect(change.exposure.ports.map(\.description) == ["9100/TCP"])
    #expect(change.exposure.workloads.map(\.name) == ["node-exporter-resolved"])
  }

  @Test func aPodGainingHostNetworkIsWidenedAndCriticalForPostgres() throws {
    var inventory = ExposureInventory()
    #expect(try inventory.apply(json: F.paymentsDBPod(), at: F.time(0)).isEmpty)
    let changes = try inventory.apply(json: F.paymentsDBPod(hostNetwork: true), at: F.time(1))
    let change = try #require(changes.first)
    #expect(change.kind == .widened)
    #expect(change.severity == .critical)
    #expect(
      change.summary
        == "Pod payments/payments-db-0 gained hostNetwork (ports 7432/TCP; addresses 10.0.1.17)")
    #expect(
      change.reason
        == "hostNetwork in front of postgres (image docker.io/bitnami/postgresql:16.4.0)")
    let pod = ObjectKey(kind: "Pod", namespace: "payments", name: "payments-db-0")
    let deleted = inventory.delete(pod, at: F.time(2))
    #expect(deleted.map(\.kind) == [.removed])
    #expect(deleted.first?.severity == .informational)
  }

  @Test func aFinishedPodHoldsNoPort() throws {
    var inventory = ExposureInventory()
    _ = try inventory.apply(json: F.nodeExporterPod, at: F.time(0))
    let finished = F.nodeExporterPod.replacing(
      "\"phase\": \"Running\"", with: "\"phase\": \"Succeeded\"")
    let changes = try inventory.apply(json: finished, at: F.time(1))
    #expect(changes.map(\.kind) == [.narrowed])
    #expect(changes.first?.summary == "Pod monitoring/node-exporter-7xk2p lost hostNetwork")
  }
}
