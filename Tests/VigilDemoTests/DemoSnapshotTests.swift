import Testing
import VigilDemo
import VigilJSON

/// The demo cluster's snapshot: a kubectl-style List whose pods, owners and Services match the
/// cluster the audit day is generated for, with the shop's public LoadBalancer.
@Suite struct DemoSnapshotTests {
  @Test func theSnapshotIsAKubectlListOfTheDemoCluster() throws {
    let bytes = DemoSnapshot.cluster()
    #expect(bytes == DemoSnapshot.cluster(), "deterministic")
    let document = try JSONDocument(parsing: bytes)
    #expect(document.root["kind"]?.string == "List")
    let items = try #require(document.root["items"]).elements
    var kinds: [String: Int] = [:]
    for item in items { kinds[item["kind"]?.string ?? "?", default: 0] += 1 }
    #expect(kinds["Namespace"] == 7)
    #expect(kinds["Node"] == 3)
    #expect((kinds["Pod"] ?? 0) >= 10)
    #expect(kinds["Service"] == (kinds["Deployment"] ?? 0) + (kinds["StatefulSet"] ?? 0))
    for pod in items where pod["kind"]?.string == "Pod" {
      #expect(pod["status"]?["podIP"]?.string?.hasPrefix("10.244.") == true)
      #expect(pod["metadata"]?["ownerReferences"]?.elements.first?["controller"]?.bool == true)
    }
    let lb = items.first { $0["spec"]?["type"]?.string == "LoadBalancer" }
    #expect(lb?["metadata"]?["name"]?.string == "frontend")
    #expect(
      lb?["status"]?["loadBalancer"]?["ingress"]?.elements.first?["ip"]?.string
        == DemoSnapshot.shopLoadBalancerIP)
  }
}
