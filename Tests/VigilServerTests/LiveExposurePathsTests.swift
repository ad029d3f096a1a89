import Foundation
import Testing
import VigilCore
import VigilJSON
import VigilKubeClient
import VigilNet
import VigilPipeline

@testable import VigilServer

/// The live server's exposure paths use the NetworkPolicies its watch delivers: with redis
/// isolated, a policy letting the public web tier reach it adds a policy-allowed path; deleting
/// that policy removes it.
@Suite struct LiveExposurePathsTests {
  static let policy = """
    {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"redis-from-web",
     "namespace":"shop","uid":"np-1"},"spec":{"podSelector":{"matchLabels":{"app":"redis"}},
     "policyTypes":["Ingress"],"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"web"}}}],
     "ports":[{"port":6379,"protocol":"TCP"}]}]}}
    """

  static let isolation = """
    {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"redis-from-api",
     "namespace":"shop","uid":"np-0"},"spec":{"podSelector":{"matchLabels":{"app":"redis"}},
     "policyTypes":["Ingress"],"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"api"}}}],
     "ports":[{"port":6379,"protocol":"TCP"}]}]}}
    """

  @Test func watchedPoliciesAddAndRemovePolicyAllowedPaths() throws {
    // The command test's cluster, without its policy: the live watch delivers that.
    let items = [
      ExposurePathsFixture.pod("a", "web", "nginx:1.27", "10.244.1.10", port: 8080),
      ExposurePathsFixture.pod("d", "redis", "redis:7", "10.244.1.13", port: 6379),
      ExposurePathsFixture.loadBalancer,
    ]
    let list = #"{"apiVersion":"v1","kind":"List","items":["# + items.joined(separator: ",") + "]}"
    var snapshot = ClusterSnapshot()
    snapshot.add(file: "cluster.json", bytes: Array(list.utf8), at: .now())
    #expect(snapshot.problems.isEmpty)
    let inventory = try snapshot.inventory(at: .now())
    let cluster = ClusterState(
      inventory: inventory, exposure: snapshot.exposures(inventory: inventory))
    let map = LiveNetworkMap(cluster: cluster)
    let resource = try #require(KubeResource.inventory.first { $0.kind == "NetworkPolicy" })
    // Without policies nothing is isolated: Kubernetes lets web reach redis.
    let open = ExposurePathsAPI.paths(cluster: cluster, map: map, since: nil)
    #expect(open.json.contains("redis"), "not isolated: \(open.json)")
    // A watched policy isolating redis (only api may connect) removes the path.
    let isolation = try JSONDocument(parsing: Self.isolation).root
    cluster.apply(.synced([isolation], resourceVersion: "1"), resource: resource, at: .now())
    let before = ExposurePathsAPI.paths(cluster: cluster, map: map, since: nil)
    #expect(!before.json.contains("redis"), "redis isolated, no flow: \(before.json)")

    let object = try JSONDocument(parsing: Self.policy).root
    cluster.apply(.added(object), resource: resource, at: .now())
    #expect(cluster.read { $0.networkPolicies.count } == 2)
    let allowed = ExposurePathsAPI.paths(cluster: cluster, map: map, since: nil)
    #expect(allowed.json.contains("redis"), "policy-allowed hop web → redis: \(allowed.json)")

    cluster.apply(.deleted(object), resource: resource, at: .now())
    let after = ExposurePathsAPI.paths(cluster: cluster, map: map, since: nil)
    #expect(!after.json.contains("redis"))
  }
}

/// Objects shared with the exposure-path tests.
enum ExposurePathsFixture {
  static func pod(_ name: String, _ app: String, _ image: String, _ ip: String, port: Int) -> String
  {
    """
    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"\(app)-7d9f8b6c5d-\(name)","namespace":"shop",\
    "uid":"uid-\(name)","creationTimestamp":"2026-11-29T00:00:00Z","labels":{"app":"\(app)",\
    "pod-template-hash":"7d9f8b6c5d"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet",\
    "name":"\(app)-7d9f8b6c5d","uid":"rs-\(name)","controller":true}]},"spec":{"nodeName":"node-1",\
    "containers":[{"name":"c","image":"\(image)","ports":[{"containerPort":\(port)}]}]},\
    "status":{"phase":"Running","podIP":"\(ip)","podIPs":[{"ip":"\(ip)"}]}}
    """
  }

  static let loadBalancer = """
    {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop","uid":"svc-1",
     "creationTimestamp":"2026-11-29T00:00:00Z"},"spec":{"type":"LoadBalancer","selector":{"app":"web"},
     "clusterIP":"10.96.0.10","ports":[{"port":443,"targetPort":8080,"protocol":"TCP"}]},
     "status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.10"}]}}}
    """
}
