import Foundation
import Testing
import VigilHTTPTesting
import VigilJSON
import VigilKubeClient
import VigilServer

/// `/api/v1/exposure`, `/api/v1/rbac/who-can` and `/api/v1/identity` over a watched fake cluster.
@Suite struct ClusterAPITests {
  @Test func exposureListsTheLoadBalancerWithItsWorkload() async throws {
    try await KubeTestHarness.run { harness throws in
      #expect(try await harness.waitForSync())
      let answer = try await harness.get("/api/v1/exposure")
      #expect(answer.status == 200)
      #expect(answer.headers.first(name: "Content-Type") == "application/json")
      let root = try answer.json().root
      let exposures = root["exposures"]?.elements ?? []
      #expect(root["count"]?.int == Int64(exposures.count))
      let balancer = try #require(exposures.first { $0["kind"]?.string == "loadBalancer" })
      #expect(balancer["source"]?["kind"]?.string == "Service")
      #expect(balancer["source"]?["name"]?.string == "checkout")
      let addresses = balancer["addresses"]?.elements.compactMap(\.string) ?? []
      #expect(addresses.contains(KubeTestFixtures.loadBalancerIP))
      let workloads = balancer["workloads"]?.elements ?? []
      #expect(workloads.count == 1)
      #expect(workloads.first?["kind"]?.string == "Deployment")
      #expect(workloads.first?["namespace"]?.string == "shop")
      #expect(workloads.first?["name"]?.string == "checkout")
    }
  }

  @Test func registriesListWhatThePodsAndWorkloadsRun() async throws {
    try await KubeTestHarness.run { harness throws in
      #expect(try await harness.waitForSync())
      let answer = try await harness.get("/api/v1/registries")
      #expect(answer.status == 200)
      let root = try answer.json().root
      let rows = root["registries"]?.elements ?? []
      #expect(root["count"]?.int == Int64(rows.count))
      #expect(!rows.isEmpty)
      for row in rows {
        #expect(row["registry"]?.string?.isEmpty == false)
        #expect(row["namespaces"]?.elements.isEmpty == false)
        #expect((row["images"]?.int ?? 0) >= 1)
      }
    }
  }

  @Test func identityNamesTheDeploymentOfAPodIP() async throws {
    try await KubeTestHarness.run { harness throws in
      #expect(try await harness.waitForSync())
      let answer = try await harness.get("/api/v1/identity?ip=\(KubeTestFixtures.podIP)")
      #expect(answer.status == 200)
      let root = try answer.json().root
      #expect(root["ip"]?.string == KubeTestFixtures.podIP)
      #expect(root["class"]?.string == "pod")
      #expect(root["confidence"]?.string == "exact")
      #expect(root["holder"]?["name"]?.string == "checkout-7d9c5b6f4-x2x9p")
      #expect(root["holder"]?["namespace"]?.string == "shop")
      #expect(root["workload"]?["kind"]?.string == "Deployment")
      #expect(root["workload"]?["name"]?.string == "checkout")
      #expect(root["workload"]?["confidence"]?.string != nil)

      // Before the pod was seen, nobody held the address.
      let before = try await harness.get(
        "/api/v1/identity?ip=\(KubeTestFixtures.podIP)&at=2020-01-01T00:00:00Z")
      #expect(before.status == 200)
      #expect(try before.json().root["holder"]?.isNull == true)
      #expect(try before.json().root["at"]?.string?.hasPrefix("2020-01-01T00:00:00") == true)

      let bad = try await harness.get("/api/v1/identity?ip=not-an-ip")
      #expect(bad.status == 400)
      #expect(try bad.json().root["error"]?.string?.contains("ip") == true)
      #expect(try await harness.get("/api/v1/identity?ip=10.0.0.1&at=yesterday").status == 400)
      #expect(try await harness.get("/api/v1/identity").status == 400)
    }
  }

  @Test func whoCanAnswersFromTheServedBinding() async throws {
    try await KubeTestHarness.run { harness throws in
      #expect(try await harness.waitForSync())
      let answer = try await harness.get(
        "/api/v1/rbac/who-can?verb=get&resource=secrets&namespace=prod")
      #expect(answer.status == 200)
      let root = try answer.json().root
      #expect(root["verb"]?.string == "get" && root["resource"]?.string == "secrets")
      #expect(root["namespace"]?.string == "prod")
      let subjects = root["subjects"]?.elements ?? []
      #expect(root["count"]?.int == Int64(subjects.count))
      let deployer = try #require(
        subjects.first {
          $0["kind"]?.string == "ServiceAccount" && $0["name"]?.string == "deployer"
        })
      #expect(deployer["namespace"]?.string == "ci")
      #expect(deployer["scope"]?.string == "cluster")
      #expect(deployer["binding"]?["kind"]?.string == "ClusterRoleBinding")
      #expect(deployer["binding"]?["name"]?.string == "ci-reads-secrets")
      #expect(deployer["role"]?["name"]?.string == "secret-reader")
      // The role grants get and list only.
      let delete = try await harness.get("/api/v1/rbac/who-can?verb=delete&resource=secrets")
      #expect(
        !(try delete.json().root["subjects"]?.elements ?? []).contains {
          $0["name"]?.string == "deployer"
        })
      #expect(try await harness.get("/api/v1/rbac/who-can?verb=get").status == 400)
    }
  }

  @Test func aModifiedServiceShowsUpInTheExposureAPI() async throws {
    let changedService = KubeTestFixtures.service(loadBalancer: false, resourceVersion: "101")
    let script: [FakeAPIServer.WatchStep] = [
      .chunk(KubeTestFixtures.event("MODIFIED", changedService))
    ]
    try await KubeTestHarness.run(watches: ["/api/v1/services": script]) { harness throws in
      #expect(try await harness.waitForSync())
      let changed = try await KubeTestFixtures.eventually {
        let kinds =
          try await harness.get("/api/v1/exposure").json().root["exposures"]?.elements
          .compactMap { $0["kind"]?.string } ?? []
        return kinds.contains("nodePort") && !kinds.contains("loadBalancer")
      }
      #expect(changed)
      let root = try await harness.get("/api/v1/exposure").json().root
      let nodePort = try #require(
        root["exposures"]?.elements.first { $0["kind"]?.string == "nodePort" })
      #expect(nodePort["ports"]?.elements.first?["nodePort"]?.int == 31080)
      #expect(nodePort["workloads"]?.elements.first?["name"]?.string == "checkout")
      #expect(
        harness.metrics.exposition().contains(#"vigil_kube_watch_events_total{kind="Service"} 1"#))
    }
  }

  @Test func theAPINeedsAToken() async throws {
    try await KubeTestHarness.run { harness throws in
      for path in [
        "/api/v1/exposure", "/api/v1/rbac/who-can?verb=get&resource=secrets",
        "/api/v1/identity?ip=10.244.1.5",
      ] {
        let missing = try await harness.get(path, token: nil)
        #expect(missing.status == 401, "\(path)")
        #expect(missing.headers.first(name: "WWW-Authenticate") == "Bearer")
        #expect(try await harness.get(path, token: "wrong").status == 401, "\(path)")
        #expect(try await harness.get(path).status == 200, "\(path)")
      }
    }
  }

  @Test func theAPIAnswers404WhenTheInventoryIsOff() async throws {
    let metrics = PrometheusMetrics()
    let server = WebhookServer(
      configuration: .init(host: "127.0.0.1", port: 0, bearerTokens: ["t"]), intake: FakeIntake(),
      registry: metrics.registry, metricsFactory: metrics.factory, isReady: { true },
      logger: KubeTestFixtures.logger)
    try await server.withRunning { port throws in
      let answer = try await KubeTestHarness.get(port: port, "/api/v1/exposure", token: "t")
      #expect(answer.status == 404)
      #expect(try answer.json().root["error"]?.string?.contains("kube.enabled") == true)
      #expect(
        try await KubeTestHarness.get(port: port, "/api/v1/exposure", token: nil).status == 401)
    }
  }
}
