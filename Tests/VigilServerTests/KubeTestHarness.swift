import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import VigilHTTPTesting
import VigilJSON
import VigilKubeClient
import VigilServer

/// A fake API server serving ``KubeTestFixtures``, a ``ClusterWatchService`` watching it and a
/// webhook server (token `api-token`) serving the cluster API from the watched state.
struct KubeTestHarness: Sendable {
  /// The token the webhook server accepts.
  static let apiToken = "api-token"
  /// The token the fake API server accepts.
  static let kubeToken = "kube-token"

  let fake: FakeAPIServer
  let state: ClusterState
  let metrics: PrometheusMetrics
  let port: Int

  /// A request's status and body.
  struct Answer: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var text: String
    /// The body parsed as JSON.
    func json() throws -> JSONDocument { try JSONDocument(parsing: text) }
  }

  /// Runs the three; `watches` scripts the first watch of some paths, and the fake server
  /// refuses the watch's token until told otherwise when `acceptingToken` is false.
  static func run<T: Sendable>(
    watches: [String: [FakeAPIServer.WatchStep]] = [:], acceptingToken: Bool = true,
    _ body: (KubeTestHarness) async throws -> T
  ) async throws -> T {
    let fake = try await FakeAPIServer(
      authentication: .token, tokens: acceptingToken ? [kubeToken] : [])
    KubeTestFixtures.serve(on: fake)
    for (path, steps) in watches { fake.addWatch(path, steps) }
    let state = ClusterState()
    let metrics = PrometheusMetrics()
    let service = try KubeTestFixtures.watchService(
      fake, token: kubeToken, state: state, metrics: metrics)
    let watching = Task { try await service.run() }
    let server = WebhookServer(
      configuration: .init(host: "127.0.0.1", port: 0, bearerTokens: [apiToken]),
      intake: FakeIntake(), registry: metrics.registry, metricsFactory: metrics.factory,
      isReady: { state.hasSynced() }, logger: KubeTestFixtures.logger, cluster: state)
    do {
      let result = try await server.withRunning { port in
        try await body(KubeTestHarness(fake: fake, state: state, metrics: metrics, port: port))
      }
      watching.cancel()
      try await watching.value
      try await fake.stop()
      return result
    } catch {
      watching.cancel()
      _ = try? await watching.value
      try? await fake.stop()
      throw error
    }
  }

  /// `GET path` on the webhook server, with the API token unless `token` is nil.
  func get(_ path: String, token: String? = KubeTestHarness.apiToken) async throws -> Answer {
    try await Self.get(port: port, path, token: token)
  }

  /// `GET path` on a server at `port`.
  static func get(port: Int, _ path: String, token: String?) async throws -> Answer {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
    request.method = .GET
    if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    let bytes = try await response.body.collect(upTo: 4 * 1024 * 1024)
    return Answer(
      status: Int(response.status.code), headers: response.headers,
      text: String(decoding: bytes.readableBytesView, as: UTF8.self))
  }

  /// Waits until the core kinds are listed.
  func waitForSync() async throws -> Bool {
    try await KubeTestFixtures.eventually { state.hasSynced() }
  }
}
