import Testing
import VigilCore
import VigilJSON

@testable import VigilKube

@Suite struct InventoryDecodingTests {
  @Test func podKeepsWhatVigilUses() throws {
    var inventory = Inventory()
    let at = InventoryFixtures.time("2025-11-29T12:00:00Z")
    let kind = try inventory.apply(.added, json: InventoryFixtures.apiPod(), at: at)
    #expect(kind == .pod)
    let pod = try #require(inventory.pod(namespace: "payments", name: "api-7d9f8b6c5d-x2k4p"))
    #expect(pod.uid == "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f")
    #expect(inventory.pod(uid: pod.uid)?.name == pod.name)
    #expect(pod.labels["pod-template-hash"] == "7d9f8b6c5d")
    #expect(pod.labels.count == 2)
    #expect(
      pod.metadata.ownerReferences == [
        OwnerReference(
          kind: "ReplicaSet", name: "api-7d9f8b6c5d", uid: "6a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
          isController: true)
      ])
    #expect(pod.nodeName == "worker-1")
    #expect(pod.serviceAccountName == "payments-api")
    #expect(pod.podIPs == [IPAddress("10.244.1.5")].compactMap { $0 })
    #expect(pod.phase == "Running")
    #expect(pod.metadata.created == InventoryFixtures.time("2025-11-01T08:00:02Z"))
    #expect(pod.containers.map(\.name) == ["migrate", "api"])
    let api = try #require(pod.containers.first { $0.name == "api" })
    #expect(api.role == .container)
    #expect(api.image == "ghcr.io/acme/payments-api:2.7.1")
    #expect(api.ports == [ContainerPortRecord(containerPort: 8443, protocol: "TCP", name: "https")])
    #expect(api.containerID == InventoryFixtures.apiContainerID)
    #expect(api.imageID.hasPrefix("ghcr.io/acme/payments-api@sha256:9b2f"))
    #expect(pod.containers.first?.role == .initContainer)
  }

  @Test func hostNetworkPodAndHostPort() throws {
    var inventory = Inventory()
    try inventory.apply(.added, json: InventoryFixtures.daemonSetPod, at: Timestamp(nanoseconds: 0))
    let pod = try #require(inventory.pod(namespace: "monitoring", name: "node-exporter-8kq2w"))
    #expect(pod.hostNetwork)
    #expect(pod.containers.first?.ports.first?.hostPort == 9100)
  }

  @Test func dualStackPodIPs() throws {
    var inventory = Inventory()
    try inventory.apply(
      .added, json: InventoryFixtures.statefulSetPod, at: Timestamp(nanoseconds: 0))
    let pod = try #require(inventory.pod(namespace: "payments", name: "db-0"))
    #expect(pod.podIPs.map(\.description) == ["10.244.1.7", "fd00:10:244:1::7"])
  }

  @Test func services() throws {
    let inventory = try InventoryFixtures.loaded()
    let api = try #require(
      inventory.services[ObjectKey(kind: "Service", namespace: "payments", name: "api")])
    #expect(api.type == "ClusterIP")
    #expect(api.clusterIPs.map(\.description) == ["10.96.12.34"])
    #expect(api.ports == [ServicePortRecord(name: "https", port: 443, targetPort: "https")])
    #expect(api.selector["app"] == "api")
    #expect(api.annotations.isEmpty)  // last-applied-configuration is dropped
    let web = try #require(
      inventory.services[ObjectKey(kind: "Service", namespace: "payments", name: "web")])
    #expect(web.type == "NodePort")
    #expect(web.ports.first?.nodePort == 30080)
    #expect(web.ports.first?.targetPort == "8080")
    let lb = try #require(
      inventory.services[ObjectKey(kind: "Service", namespace: "payments", name: "public")])
    #expect(lb.type == "LoadBalancer")
    #expect(lb.loadBalancerIPs.map(\.description) == ["203.0.113.10"])
    #expect(lb.loadBalancerHostnames == ["a1b2c3-1234567890.eu-west-1.elb.amazonaws.com"])
    #expect(lb.externalIPs.map(\.description) == ["198.51.100.7"])
    #expect(
      lb.annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"] == "internet-facing")
    #expect(lb.annotations["meta.helm.sh/release-name"] == nil)
  }

  @Test func nodeNamespaceEndpointSliceAndWorkloads() throws {
    let inventory = try InventoryFixtures.loaded()
    let node = try #require(inventory.nodes["worker-1"])
    #expect(node.internalIPs.map(\.description) == ["192.168.10.11"])
    #expect(node.externalIPs.map(\.description) == ["34.120.5.6"])
    #expect(node.podCIDRs.map(\.description) == ["10.244.1.0/24", "fd00:10:244:1::/64"])
    let namespace = try #require(inventory.namespaces["payments"])
    #expect(namespace.metadata.labels["environment"] == "prod")
    #expect(namespace.annotations.dictionary == ["owner": "payments-team@acme.example"])
    let slice = try #require(
      inventory.endpointSlices[
        ObjectKey(kind: "EndpointSlice", namespace: "payments", name: "api-k2x9q")])
    #expect(slice.serviceName == "api")
    #expect(slice.ports == [8443])
    let ip = try InventoryFixtures.ip("10.244.1.5")
    #expect(slice.pod(at: ip)?.name == "api-7d9f8b6c5d-x2k4p")
    #expect(slice.endpoints.last?.ready == false)
    let deployment = try #require(
      inventory.workload(.deployment, namespace: "payments", name: "api"))
    #expect(deployment.images == ["busybox:1.36", "ghcr.io/acme/payments-api:2.7.1"])
    let cron = try #require(inventory.workload(.cronJob, namespace: "ops", name: "backup"))
    #expect(cron.images == ["registry.acme.internal/ops/backup:5"])
  }

  @Test func internsRepeatedStrings() throws {
    var inventory = Inventory()
    let at = Timestamp(nanoseconds: 0)
    try inventory.apply(.added, json: InventoryFixtures.apiPod(), at: at)
    let before = inventory.internedStringCount
    try inventory.apply(.added, json: InventoryFixtures.secondAPIPod, at: at)
    // The second pod shares image, labels, owner and namespace strings with the first: only its
    // name, uid and other unique texts are new.
    #expect(inventory.internedStringCount - before <= 4)
  }

  @Test func rejectsObjectsItCannotRead() throws {
    var inventory = Inventory()
    let at = Timestamp(nanoseconds: 0)
    #expect(throws: InventoryError(.missingName)) {
      try inventory.apply(.added, json: InventoryFixtures.brokenPod, at: at)
    }
    #expect(throws: InventoryError(.unsupportedKind, "ConfigMap")) {
      try inventory.apply(.added, json: InventoryFixtures.configMap, at: at)
    }
    #expect(throws: InventoryError(.missingKind)) {
      try inventory.apply(.added, json: #"{"metadata":{"name":"x"}}"#, at: at)
    }
    #expect(throws: InventoryError(.wrongType, "metadata.labels.app")) {
      try inventory.apply(
        .added, json: #"{"kind":"Pod","metadata":{"name":"x","namespace":"d","labels":{"app":1}}}"#,
        at: at)
    }
    #expect(inventory.pods.isEmpty)
  }
}
