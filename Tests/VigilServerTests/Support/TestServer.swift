import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import VigilServer

/// A running ``WebhookServer`` on 127.0.0.1 and an ephemeral port, with a fake intake, a fresh
/// Prometheus registry, recorded logs and an HTTP client pointed at it.
struct TestServer: Sendable {
  /// The bound port.
  let port: Int
  /// `http` or `https`.
  let scheme: String
  /// What the server was given to queue into.
  let intake: FakeIntake
  /// The registry and factory the server's metrics go to.
  let metrics: PrometheusMetrics
  /// What the server logged.
  let logs: LogRecords

  /// An answer, read whole.
  struct Answer: Sendable {
    /// The status code.
    var status: Int
    /// The headers.
    var headers: HTTPHeaders
    /// The body.
    var body: [UInt8]
    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }
  }

  /// Starts a server with `configuration` (host and port forced to 127.0.0.1:0), runs `body`,
  /// then stops it.
  static func run<T>(
    _ configuration: WebhookServer.Configuration = .init(),
    intake: FakeIntake = FakeIntake(),
    readiness: ReadinessFlag = ReadinessFlag(ready: true),
    _ body: (TestServer) async throws -> T
  ) async throws -> T {
    var configuration = configuration
    configuration.host = "127.0.0.1"
    configuration.port = 0
    let metrics = PrometheusMetrics()
    let logs = LogRecords()
    let server = WebhookServer(
      configuration: configuration, intake: intake, registry: metrics.registry,
      metricsFactory: metrics.factory, isReady: { readiness.isReady }, logger: logs.logger())
    return try await server.withRunning { port in
      try await body(
        TestServer(
          port: port, scheme: configuration.tls == nil ? "http" : "https", intake: intake,
          metrics: metrics, logs: logs))
    }
  }

  /// Sends one request and reads the whole answer.
  func send(
    _ method: HTTPMethod = .POST, _ path: String = "/k8s-audit", body: [UInt8]? = nil,
    headers: [(String, String)] = [("Content-Type", "application/json")],
    tls: TLSConfiguration? = nil, timeout: TimeAmount = .seconds(10)
  ) async throws -> Answer {
    var request = HTTPClientRequest(url: "\(scheme)://127.0.0.1:\(port)\(path)")
    request.method = method
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let body { request.body = .bytes(body) }
    if let tls { request.tlsConfiguration = tls }
    let response = try await HTTPClient.shared.execute(request, timeout: timeout)
    let bytes = try await response.body.collect(upTo: 4 * 1024 * 1024)
    return Answer(
      status: Int(response.status.code), headers: response.headers,
      body: Array(bytes.readableBytesView))
  }

  /// Posts `body` with a bearer token.
  func post(_ body: [UInt8], token: String?, contentType: String = "application/json") async throws
    -> Answer
  {
    var headers = [("Content-Type", contentType)]
    if let token { headers.append(("Authorization", "Bearer \(token)")) }
    return try await send(.POST, "/k8s-audit", body: body, headers: headers)
  }

  /// The value of a sample in the Prometheus exposition, nil when absent.
  func metric(_ name: String, _ labels: [String: String] = [:]) -> Double? {
    MetricsText.value(in: metrics.exposition(), name: name, labels: labels)
  }
}
