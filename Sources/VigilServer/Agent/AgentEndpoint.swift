import Hummingbird
import Logging
import NIOCore
import Prometheus

/// The node agent's own small HTTP face: `/healthz` and `/metrics` (Prometheus text), plain
/// HTTP on a loopback address of the node by default (the DaemonSet's probes and a node-local
/// Prometheus scrape it). Serves nothing else.
public struct AgentEndpoint: Sendable {
  /// Address to listen on.
  public var host: String
  /// Port (0: any free port, reported to `onListening`).
  public var port: Int
  /// What `/metrics` renders.
  let registry: PrometheusCollectorRegistry
  let logger: Logger

  /// Creates the endpoint.
  public init(host: String, port: Int, registry: PrometheusCollectorRegistry, logger: Logger) {
    self.host = host
    self.port = port
    self.registry = registry
    self.logger = logger
  }

  /// The application to run as a `Service`.
  public func makeApplication(
    onListening: @escaping @Sendable (Int) async -> Void = { _ in }
  ) -> some ApplicationProtocol {
    let probes = ProbeRoutes(isReady: { true }, registry: registry, metricsAuthenticator: nil)
    let router = Router(context: WebhookRequestContext.self)
    router.get(RouterPath(Routes.health)) { _, _ in probes.health() }
    router.get(RouterPath(Routes.metrics)) { request, context in
      await probes.metrics(request, context: context)
    }
    let configuredPort = port
    return Application(
      router: router, configuration: .init(address: .hostname(host, port: port)),
      onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuredPort)
      },
      logger: logger)
  }
}
