import Logging
import Testing
import VigilServer

/// ``WebhookServer/withRunning(_:)``: reports the port, and fails instead of hanging when the
/// server cannot listen.
@Suite struct WebhookServerRunningTests {
  /// A server on 127.0.0.1 and `port`.
  func server(port: Int) -> WebhookServer {
    let metrics = PrometheusMetrics()
    return WebhookServer(
      configuration: .init(host: "127.0.0.1", port: port), intake: FakeIntake(),
      registry: metrics.registry, metricsFactory: metrics.factory, isReady: { true },
      logger: Logger(label: "test"))
  }

  @Test func aTakenPortFailsInsteadOfHanging() async throws {
    try await server(port: 0).withRunning { port in
      #expect(port > 0)
      await #expect(throws: (any Error).self) {
        try await server(port: port).withRunning { _ in Issue.record("second server listened") }
      }
    }
  }
}
