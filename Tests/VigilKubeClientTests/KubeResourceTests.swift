import Testing

@testable import VigilKubeClient

@Suite struct KubeResourceTests {
  @Test func pathsFollowTheAPIGroupLayout() {
    let pods = KubeResource.inventory(kind: "Pod")
    #expect(pods?.path() == "/api/v1/pods")
    #expect(pods?.path(namespace: "shop") == "/api/v1/namespaces/shop/pods")
    let deployments = KubeResource.inventory(kind: "Deployment")
    #expect(deployments?.path() == "/apis/apps/v1/deployments")
    let roles = KubeResource.inventory(kind: "ClusterRole")
    #expect(roles?.path(namespace: "shop") == "/apis/rbac.authorization.k8s.io/v1/clusterroles")
    #expect(deployments?.description == "deployments.v1.apps")
  }

  @Test func inventoryHasEveryWatchedKindOnceAndOnlyGatewayIsOptional() {
    let kinds = KubeResource.inventory.map(\.kind)
    #expect(Set(kinds).count == kinds.count)
    #expect(kinds.count == 21)
    for kind in ["EndpointSlice", "NetworkPolicy", "CronJob", "MutatingWebhookConfiguration"] {
      #expect(kinds.contains(kind))
    }
    let optional = KubeResource.inventory.filter(\.optional).map(\.group)
    #expect(optional == ["gateway.networking.k8s.io", "gateway.networking.k8s.io"])
  }
}
