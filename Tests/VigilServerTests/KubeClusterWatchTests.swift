import Foundation
import Testing
import VigilCore
import VigilHTTPTesting
import VigilJSON
import VigilKube
import VigilKubeClient
import VigilServer

/// ``ClusterWatchService`` and ``ClusterState`` against the fake API server.
@Suite struct KubeClusterWatchTests {
  @Test func theFirstListOfEveryCoreKindMakesTheStateReady() async throws {
    try await KubeTestHarness.run { harness throws in
      #expect(try await harness.waitForSync())
      #expect(try await harness.get("/readyz", token: nil).status == 200)
      let (pods, workloads, bindings) = harness.state.read {
        ($0.inventory.pods.count, $0.inventory.workloads.count, $0.rbac.bindings.count)
      }
      #expect(pods == 1 && workloads == 2 && bindings == 1)
      // The Gateway API is not served: reported once, and not waited for.
      let notInstalled = harness.state.read { $0.notInstalledKinds }
      #expect(notInstalled == ["Gateway", "HTTPRoute"])
      let text = harness.metrics.exposition()
      #expect(text.contains(#"vigil_kube_objects{kind="Pod"} 1"#))
      #expect(text.contains(#"vigil_kube_objects{kind="Deployment"} 1"#))
      // Every watched path was requested with the fake server's token.
      let requests = harness.fake.requests
      #expect(requests.allSatisfy { $0.authorization == "Bearer \(KubeTestHarness.kubeToken)" })
    }
  }

  @Test func readinessWaitsForTheCoreKinds() async throws {
    let state = ClusterState()
    #expect(!state.hasSynced())
    let document = try JSONDocument(parsing: "[]")
    for resource in KubeResource.inventory where !resource.optional && resource.kind != "Pod" {
      state.apply(
        .synced(document.root.elements, resourceVersion: "1"), resource: resource, at: .now())
    }
    #expect(!state.hasSynced())
    let pods = try #require(KubeResource.inventory(kind: "Pod"))
    state.apply(.synced([], resourceVersion: "1"), resource: pods, at: .now())
    #expect(state.hasSynced())
  }

  @Test func aRelistDeletesWhatItNoLongerNames() throws {
    let state = ClusterState()
    let services = try #require(KubeResource.inventory(kind: "Service"))
    let roles = try #require(KubeResource.inventory(kind: "ClusterRole"))
    let bindings = try #require(KubeResource.inventory(kind: "ClusterRoleBinding"))
    let service = try JSONDocument(
      parsing: KubeTestFixtures.service(loadBalancer: true, resourceVersion: "1"))
    let role = try JSONDocument(parsing: KubeTestFixtures.clusterRole)
    let binding = try JSONDocument(parsing: KubeTestFixtures.clusterRoleBinding)
    let t0 = Timestamp(rfc3339: "2026-11-29T10:00:00Z") ?? .now()
    state.apply(.synced([service.root], resourceVersion: "1"), resource: services, at: t0)
    state.apply(.synced([role.root], resourceVersion: "1"), resource: roles, at: t0)
    state.apply(.synced([binding.root], resourceVersion: "1"), resource: bindings, at: t0)
    #expect(state.read { $0.exposure.list().contains { $0.kind == .loadBalancer } })
    #expect(state.read { $0.inventory.services.count } == 1)
    #expect(
      state.read { $0.rbac.whoCan(verb: "get", resource: "secrets") }.contains {
        $0.subject.name == "deployer"
      })
    let t1 = t0.adding(.seconds(60))
    state.apply(.synced([], resourceVersion: "2"), resource: services, at: t1)
    state.apply(.synced([], resourceVersion: "2"), resource: bindings, at: t1)
    #expect(state.read { $0.exposure.list().isEmpty })
    #expect(state.read { $0.inventory.services.isEmpty })
    #expect(
      !state.read { $0.rbac.whoCan(verb: "get", resource: "secrets") }.contains {
        $0.subject.name == "deployer"
      })
  }

  @Test func aReplicaSetListedAfterItsServiceNamesTheDeployment() throws {
    // Watches list concurrently: the Service and pod may come before the ReplicaSet.
    let state = ClusterState()
    let time = Timestamp(rfc3339: "2026-11-29T10:00:00Z") ?? .now()
    for (kind, text) in [
      ("Service", KubeTestFixtures.service(loadBalancer: true, resourceVersion: "1")),
      ("Pod", KubeTestFixtures.pod),
    ] {
      let resource = try #require(KubeResource.inventory(kind: kind))
      let document = try JSONDocument(parsing: text)
      state.apply(.synced([document.root], resourceVersion: "1"), resource: resource, at: time)
    }
    func workloads() -> [String] {
      state.read { $0.exposure.list().flatMap(\.workloads).map(\.description) }
    }
    #expect(workloads().allSatisfy { $0 == "ReplicaSet shop/checkout-7d9c5b6f4" })
    let replicaSets = try #require(KubeResource.inventory(kind: "ReplicaSet"))
    let replicaSet = try JSONDocument(parsing: KubeTestFixtures.replicaSet)
    state.apply(.added(replicaSet.root), resource: replicaSets, at: time.adding(.seconds(1)))
    #expect(!workloads().isEmpty)
    #expect(workloads().allSatisfy { $0 == "Deployment shop/checkout" }, "\(workloads())")
    state.apply(.deleted(replicaSet.root), resource: replicaSets, at: time.adding(.seconds(2)))
    #expect(workloads().allSatisfy { $0 == "ReplicaSet shop/checkout-7d9c5b6f4" })
  }

  @Test func everyWatchGetsItsEventsAtOnce() async throws {
    // 21 watches stay open at once: the last resources' events must not wait for a connection.
    let binding = KubeTestFixtures.clusterRoleBinding
      .replacingOccurrences(of: "ci-reads-secrets", with: "ops-reads-secrets")
      .replacingOccurrences(
        of: #""name":"deployer","namespace":"ci""#, with: #""name":"ops","namespace":"ops""#)
    let path = "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings"
    let script: [FakeAPIServer.WatchStep] = [.chunk(KubeTestFixtures.event("ADDED", binding))]
    try await KubeTestHarness.run(watches: [path: script]) { harness throws in
      #expect(try await harness.waitForSync())
      let seen = try await KubeTestFixtures.eventually {
        let root = try await harness.get("/api/v1/rbac/who-can?verb=list&resource=secrets").json()
          .root
        return (root["subjects"]?.elements ?? []).contains { $0["name"]?.string == "ops" }
      }
      #expect(seen)
      // Every served resource (all but the two Gateway API ones) is watched at the same time.
      func watched(_ requests: [FakeAPIServer.Request]) -> Set<String> {
        Set(requests.filter { $0.query["watch"] == "true" }.map(\.path))
      }
      let requests = try await harness.fake.waitForRequests { watched($0).count == 19 }
      #expect(watched(requests).count == 19, "\(watched(requests).sorted())")
    }
  }

  @Test func listItemsWithoutKindReachTheExposureModel() throws {
    // The API server sends list items without `kind`.
    let state = ClusterState()
    let services = try #require(KubeResource.inventory(kind: "Service"))
    let text = KubeTestFixtures.service(loadBalancer: true, resourceVersion: "1")
      .replacingOccurrences(of: #""kind":"Service","#, with: "")
    let item = try JSONDocument(parsing: text)
    #expect(item.root["kind"] == nil)
    let issues = state.apply(
      .synced([item.root], resourceVersion: "1"), resource: services, at: .now())
    #expect(issues.isEmpty, "\(issues)")
    #expect(state.read { $0.exposure.list().contains { $0.kind == .loadBalancer } })
    #expect(state.read { $0.inventory.services.count } == 1)
  }

  @Test func aWrongTokenIsRetriedUntilItIsAccepted() async throws {
    // The fake server first refuses the watcher's token: nothing syncs until it accepts it.
    try await KubeTestHarness.run(acceptingToken: false) { harness throws in
      let refused = try await harness.fake.waitForRequests { $0.count >= 5 }
      #expect(refused.count >= 5)
      #expect(!harness.state.hasSynced())
      #expect(try await harness.get("/readyz", token: nil).status == 503)
      harness.fake.accept(tokens: [KubeTestHarness.kubeToken])
      #expect(
        try await harness.waitForSync(),
        "listed: \(harness.state.read { $0.syncedKinds.sorted() })")
    }
  }
}

/// Relists after an expired resource version, and what they count.
@Suite struct KubeRelistTests {
  @Test func anExpiredWatchRelistsAndIsCounted() async throws {
    let expired = KubeTestFixtures.event(
      "ERROR",
      """
      {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
      "message":"too old resource version: 100 (2000)","reason":"Expired","code":410}
      """)
    let script: [FakeAPIServer.WatchStep] = [.chunk(expired)]
    try await KubeTestHarness.run(watches: ["/api/v1/pods": script]) { harness throws in
      #expect(try await harness.waitForSync())
      let relisted = try await KubeTestFixtures.eventually {
        harness.fake.requests.filter { $0.path == "/api/v1/pods" && $0.query["watch"] == nil }
          .count >= 2
      }
      #expect(relisted)
      let counted = try await KubeTestFixtures.eventually {
        harness.metrics.exposition().contains(#"vigil_kube_relists_total{kind="Pod"} 1"#)
      }
      #expect(counted)
      #expect(!harness.metrics.exposition().contains(#"vigil_kube_relists_total{kind="Service"}"#))
      // The relist held the same pod: it is still known.
      #expect(harness.state.read { $0.inventory.pods.count } == 1)
    }
  }
}
