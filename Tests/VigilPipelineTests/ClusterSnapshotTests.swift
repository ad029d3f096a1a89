import Foundation
import Testing
import VigilCore
import VigilKube
import VigilPipeline
import VigilStore

/// Offline cluster analysis: `kubectl get -A -o json` output stored, read back, and turned into
/// the inventory (owner chains, identities), the exposure inventory and the RBAC model.
@Suite struct ClusterSnapshotTests {
  static let list = #"""
    {"apiVersion":"v1","kind":"List","items":[
    {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"db","namespace":"payments","uid":"d-1","creationTimestamp":"2026-11-01T08:00:00Z","labels":{"app":"db"}},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"db"}},"template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"postgres","image":"postgres:16.2","ports":[{"containerPort":5432,"protocol":"TCP"}]}]}}}},
    {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"db-7d9f","namespace":"payments","uid":"rs-1","labels":{"app":"db","pod-template-hash":"7d9f"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"db","uid":"d-1","controller":true,"blockOwnerDeletion":true}]},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"db"}},"template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"postgres","image":"postgres:16.2"}]}}}},
    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"db-7d9f-x2k4p","namespace":"payments","uid":"p-1","labels":{"app":"db","pod-template-hash":"7d9f"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"db-7d9f","uid":"rs-1","controller":true,"blockOwnerDeletion":true}]},"spec":{"nodeName":"node-1","containers":[{"name":"postgres","image":"postgres:16.2","ports":[{"containerPort":5432,"protocol":"TCP"}]}]},"status":{"phase":"Running","podIP":"10.244.1.5","podIPs":[{"ip":"10.244.1.5"}],"containerStatuses":[{"name":"postgres","containerID":"containerd://4f1c2a9b8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170615243","image":"docker.io/library/postgres:16.2","imageID":"docker.io/library/postgres@sha256:abc","ready":true,"restartCount":0}]}},
    {"apiVersion":"v1","kind":"Service","metadata":{"name":"db","namespace":"payments","uid":"s-1"},"spec":{"type":"LoadBalancer","clusterIP":"10.96.14.7","clusterIPs":["10.96.14.7"],"ports":[{"name":"pg","protocol":"TCP","port":5432,"targetPort":5432,"nodePort":31432}],"selector":{"app":"db"}},"status":{"loadBalancer":{"ingress":[{"ip":"34.120.1.9"}]}}},
    {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"ci-admin","uid":"crb-1"},"subjects":[{"kind":"ServiceAccount","name":"builder","namespace":"ci"}],"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"}}
    ]}
    """#

  static let now = Timestamp(nanoseconds: 1_796_000_000_000_000_000)

  @Test func aKubectlListBecomesObjectsThatSurviveTheStore() throws {
    var snapshot = ClusterSnapshot()
    snapshot.add(file: "cluster.json", bytes: Array(Self.list.utf8), at: Self.now)
    #expect(snapshot.problems.isEmpty)
    #expect(
      snapshot.objects.map(\.kind).sorted() == [
        "ClusterRoleBinding", "Deployment", "Pod", "ReplicaSet", "Service",
      ])
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("vigil-snapshot-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try SQLiteStore(path: directory.appendingPathComponent("v.db").path)
    try store.save(objects: snapshot.objects)
    try store.save(objects: snapshot.objects)  // importing again replaces, never duplicates
    let stored = try ClusterSnapshot(store: store)
    #expect(stored.objects.count == 5)
    #expect(Set(stored.objects.map(\.json)) == Set(snapshot.objects.map(\.json)))
  }

  @Test func theModelsNameWorkloadsExposuresAndPermissions() throws {
    var snapshot = ClusterSnapshot()
    snapshot.add(file: "cluster.json", bytes: Array(Self.list.utf8), at: Self.now)
    let inventory = try snapshot.inventory(at: Self.now)
    let ip = try #require(IPAddress("10.244.1.5"))
    #expect(inventory.resolve(ip: ip, at: Self.now).description.contains("Deployment payments/db"))
    let exposures = snapshot.exposures(inventory: inventory).list()
    #expect(exposures.count == 1)
    #expect(
      exposures.first?.workloads == [
        WorkloadReference(kind: "Deployment", namespace: "payments", name: "db")
      ])
    #expect(exposures.first?.assessment.severity == .critical)
    let answers = snapshot.rbac().whoCan(verb: "get", resource: "secrets", namespace: "prod")
    #expect(answers.map(\.subject.description).contains("system:serviceaccount:ci:builder"))
  }

  @Test func unreadableItemsAreReportedWithTheirIndexAndSkipped() {
    var snapshot = ClusterSnapshot()
    let text =
      #"{"kind":"List","items":[{"kind":"Pod"},{"kind":"Service","metadata":{"name":"a","namespace":"n"}},7]}"#
    snapshot.add(file: "bad.json", bytes: Array(text.utf8), at: Self.now)
    #expect(snapshot.objects.count == 1)
    #expect(
      snapshot.problems.map(\.description) == [
        "bad.json: item 0: no metadata.name", "bad.json: item 2: not an object",
      ])
    snapshot.add(file: "x.json", bytes: Array("{".utf8), at: Self.now)
    #expect(snapshot.problems.last?.description.hasPrefix("x.json: not JSON") == true)
  }
}
