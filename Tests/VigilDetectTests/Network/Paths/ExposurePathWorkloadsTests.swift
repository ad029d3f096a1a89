import Testing
import VigilCore
import VigilKube
import VigilNet

@testable import VigilDetect

@Suite struct ExposurePathWorkloadsTests {
  static func pod(
    _ name: String, app: String, owner: (kind: String, name: String), image: String, port: Int,
    ip: String, hash: String? = nil
  ) -> String {
    let hashLabel = hash.map { #","pod-template-hash":"\#($0)""# } ?? ""
    return """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"\(name)","namespace":"shop",
      "uid":"uid-\(name)","labels":{"app":"\(app)"\(hashLabel)},
      "ownerReferences":[{"apiVersion":"apps/v1","kind":"\(owner.kind)","name":"\(owner.name)",
      "uid":"owner-\(owner.name)","controller":true}]},
      "spec":{"nodeName":"worker-1","containers":[{"name":"main","image":"\(image)",
      "ports":[{"containerPort":\(port),"protocol":"TCP","name":"main"}]}]},
      "status":{"phase":"Running","podIP":"\(ip)","podIPs":[{"ip":"\(ip)"}]}}
      """
  }

  static let list = """
    {"apiVersion":"v1","kind":"List","items":[
    {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","uid":"ns-shop","labels":{"team":"shop"}}},
    {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"postgres","namespace":"shop","uid":"owner-postgres"},
     "spec":{"selector":{"matchLabels":{"app":"postgres"}},"template":{"metadata":{"labels":{"app":"postgres"}},
     "spec":{"containers":[{"name":"main","image":"postgres:16"}]}}}},
    {"apiVersion":"v1","kind":"Service","metadata":{"name":"db","namespace":"shop","uid":"svc-db"},
     "spec":{"type":"ClusterIP","clusterIP":"10.96.0.20","selector":{"app":"postgres"},
     "ports":[{"name":"pg","port":5432,"targetPort":5432,"protocol":"TCP"}]}},
    \(pod("postgres-0", app: "postgres", owner: ("StatefulSet", "postgres"), image: "postgres:16", port: 5432, ip: "10.244.1.20")),
    \(pod("frontend-7d9f8b6c5d-aaaaa", app: "frontend", owner: ("ReplicaSet", "frontend-7d9f8b6c5d"), image: "ghcr.io/acme/web:1", port: 8443, ip: "10.244.1.21", hash: "7d9f8b6c5d")),
    \(pod("frontend-7d9f8b6c5d-bbbbb", app: "frontend", owner: ("ReplicaSet", "frontend-7d9f8b6c5d"), image: "ghcr.io/acme/web:1", port: 8443, ip: "10.244.1.22", hash: "7d9f8b6c5d"))
    ]}
    """

  @Test func workloadsFromTheInventoryCarryPodsPortsAndSensitivity() throws {
    var inventory = Inventory()
    let summary = try inventory.import(json: Array(Self.list.utf8), at: Timestamp(nanoseconds: 0))
    #expect(summary.diagnostics.isEmpty, "\(summary.diagnostics)")
    let table = ExposurePathWorkloads(inventory: inventory)
    let postgres = try #require(
      table.workloads[WorkloadReference(kind: "StatefulSet", namespace: "shop", name: "postgres")])
    #expect(postgres.sensitivity?.product == "postgres")
    #expect(postgres.sensitivity?.level == .high)
    #expect(postgres.ports == [.init(5432)])
    #expect(postgres.pods.map(\.name) == ["postgres-0"])
    #expect(postgres.pods.first?.ports.first?.name == "main")
    let frontend = try #require(
      table.workloads[WorkloadReference(kind: "Deployment", namespace: "shop", name: "frontend")],
      "\(table.workloads.keys)")
    #expect(frontend.sensitivity == nil)
    #expect(frontend.pods.count == 1, "pods with the same labels count once")
    #expect(frontend.ports == [.init(8443)])

    // The namespace labels reach the policy model built from the same inventory.
    let model = NetworkPolicyModel(inventory: inventory)
    #expect(model.labels(ofNamespace: "shop")["team"] == "shop")
    #expect(model.labels(ofNamespace: "shop")["kubernetes.io/metadata.name"] == "shop")
  }
}
