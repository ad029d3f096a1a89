import Hummingbird
import Prometheus

/// Liveness, readiness and Prometheus answers.
struct ProbeRoutes: Sendable {
  /// Whether `/readyz` answers 200.
  let isReady: @Sendable () -> Bool
  /// What `/metrics` renders.
  let registry: PrometheusCollectorRegistry
  /// Checks credentials when `/metrics` needs them.
  let metricsAuthenticator: RequestAuthenticator?

  /// `GET /healthz`: always 200 while serving.
  func health() -> Response { .json(.ok, #"{"status":"ok"}"#) }

  /// `GET /readyz`: 200 when ready, else 503.
  func readiness() -> Response {
    isReady()
      ? .json(.ok, #"{"status":"ready"}"#) : .json(.serviceUnavailable, #"{"status":"not ready"}"#)
  }

  /// `GET /metrics`: the registry in Prometheus text format 0.0.4.
  func metrics(_ request: Request, context: WebhookRequestContext) async -> Response {
    if let metricsAuthenticator,
      await !metricsAuthenticator.authenticate(request, channel: context.channel).isAuthenticated
    {
      return metricsAuthenticator.challenge()
    }
    var buffer = ByteBuffer()
    buffer.writeBytes(registry.emitToBuffer())
    return Response(
      status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
      body: ResponseBody(byteBuffer: buffer))
  }
}
