import NIOHTTP1
import Testing
import VigilServer

/// `/healthz`, `/readyz` and `/metrics`.
@Suite struct ProbeRoutesTests {
  @Test func healthIsAlways200() async throws {
    try await TestServer.run(readiness: ReadinessFlag(ready: false)) { server throws in
      #expect(try await server.send(.GET, "/healthz").status == 200)
    }
  }

  @Test func readinessFollowsTheFlag() async throws {
    let flag = ReadinessFlag()
    try await TestServer.run(readiness: flag) { server throws in
      #expect(try await server.send(.GET, "/readyz").status == 503)
      flag.set(true)
      #expect(try await server.send(.GET, "/readyz").status == 200)
      flag.set(false)
      #expect(try await server.send(.GET, "/readyz").status == 503)
      #expect(
        !server.logs.all.contains { $0.level == .warning && $0.metadata["http.path"] == "/readyz" })
    }
  }

  @Test func metricsExposeWebhookCountersByCode() async throws {
    try await TestServer.run(.init(bearerTokens: ["t"])) { server throws in
      _ = try await server.post(Array("{}".utf8), token: "t")
      _ = try await server.post(Array("{}".utf8), token: "wrong")
      _ = try await server.send(.GET, "/k8s-audit")
      let answer = try await server.send(.GET, "/metrics")
      #expect(answer.status == 200)
      #expect(
        answer.headers.first(name: "Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
      let text = answer.text
      #expect(text.contains("# TYPE vigil_webhook_requests_total counter"))
      for code in ["200", "401", "405"] {
        #expect(
          MetricsText.value(in: text, name: "vigil_webhook_requests_total", labels: ["code": code])
            == 1)
      }
      #expect(
        MetricsText.value(
          in: text, name: "vigil_webhook_request_duration_seconds_count", labels: [:]) == 3)
      #expect(text.contains(#"vigil_webhook_request_duration_seconds_bucket{le="0.001"}"#))
      #expect(!text.contains(#"code="404""#))
    }
  }

  @Test func metricsCanRequireCredentials() async throws {
    try await TestServer.run(.init(bearerTokens: ["t"], metricsRequireAuthentication: true)) {
      server throws in
      #expect(try await server.send(.GET, "/metrics").status == 401)
      let answer = try await server.send(.GET, "/metrics", headers: [("Authorization", "Bearer t")])
      #expect(answer.status == 200)
      #expect(try await server.send(.GET, "/healthz").status == 200)
      #expect(server.metric("vigil_webhook_unauthenticated_total") == 0)
    }
  }

  @Test func unknownPathsAre404() async throws {
    try await TestServer.run { server throws in
      #expect(try await server.send(.GET, "/nope").status == 404)
    }
  }
}
