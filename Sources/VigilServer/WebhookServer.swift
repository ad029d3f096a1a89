import Hummingbird
import HummingbirdTLS
import Logging
import Metrics
import NIOCore
import Prometheus
import VigilCore
import VigilPipeline

/// The HTTP face of `vigil serve`: the Kubernetes audit webhook (`POST /k8s-audit`), liveness
/// (`/healthz`), readiness (`/readyz`), Prometheus metrics (`/metrics`) and, with a cluster
/// inventory, the `/api/v1/…` cluster API, over HTTP or TLS with
/// bearer-token and/or client-certificate authentication (see ``Configuration``).
///
/// ``makeApplication(onListening:)`` returns a hummingbird application, which is a
/// swift-service-lifecycle `Service`: run it in the caller's `ServiceGroup`.
public struct WebhookServer: Sendable {
  /// Address, limits, TLS and credentials.
  public var configuration: Configuration
  /// Where accepted bodies go.
  let intake: any AuditIntake
  /// What `/metrics` renders.
  let registry: PrometheusCollectorRegistry
  /// The factory the webhook's metrics are made from.
  let metricsFactory: any MetricsFactory
  /// Whether `/readyz` answers 200.
  let isReady: @Sendable () -> Bool
  /// The server's logger (one debug line per request; warnings for 401 and 5xx).
  let logger: Logger
  /// The accepted bearer tokens; ``BearerTokens/replace(with:)`` rotates them while serving.
  public let tokens: BearerTokens
  /// The cluster inventory behind `/api/v1/…`; nil (the default) answers 404 there.
  let cluster: ClusterState?
  /// Where `POST /v1/ingest/flows` stores agents' flows; nil answers 404 there.
  let flows: FlowIntake?
  /// The network map behind `/api/v1/graph`; nil answers 404 there.
  let networkMap: LiveNetworkMap?

  /// Creates a server.
  /// - Parameters:
  ///   - configuration: address, limits, TLS and credentials.
  ///   - intake: validates and durably queues webhook bodies.
  ///   - registry: the registry `/metrics` renders (normally ``PrometheusMetrics/registry``).
  ///   - metricsFactory: makes the webhook's metrics (normally ``PrometheusMetrics/factory``).
  ///   - isReady: whether `/readyz` answers 200 (e.g. `{ flag.isReady }` of a ``ReadinessFlag``).
  ///   - logger: the server's logger.
  ///   - cluster: the cluster inventory the `/api/v1/…` routes read (nil: those answer 404).
  ///   - flows: where agents' flow batches go (nil: `/v1/ingest/flows` answers 404).
  ///   - networkMap: the live network map (nil: `/api/v1/graph` answers 404).
  public init(
    configuration: Configuration,
    intake: any AuditIntake,
    registry: PrometheusCollectorRegistry,
    metricsFactory: any MetricsFactory,
    isReady: @escaping @Sendable () -> Bool,
    logger: Logger,
    cluster: ClusterState? = nil,
    flows: FlowIntake? = nil,
    networkMap: LiveNetworkMap? = nil
  ) {
    self.cluster = cluster
    self.flows = flows
    self.networkMap = networkMap
    self.configuration = configuration
    self.intake = intake
    self.registry = registry
    self.metricsFactory = metricsFactory
    self.isReady = isReady
    self.logger = logger
    self.tokens = BearerTokens(configuration.bearerTokens)
  }

  /// The application to run as a `Service`; `onListening` receives the bound port (useful with
  /// port 0) once the server accepts connections. Throws when the configuration is inconsistent
  /// or its certificates or key cannot be read.
  public func makeApplication(
    onListening: @escaping @Sendable (Int) async -> Void = { _ in }
  ) throws(WebhookServerError) -> some ApplicationProtocol {
    try configuration.validate()
    let tlsConfiguration = try configuration.validatedTLSConfiguration()
    if !configuration.requiresAuthentication {
      logger.warning(
        "the audit webhook accepts unauthenticated requests: configure bearer tokens or a client CA"
      )
    }
    let address = ApplicationConfiguration(
      address: .hostname(configuration.host, port: configuration.port))
    let configuredPort = configuration.port
    let idleTimeout = TimeAmount.nanoseconds(configuration.idleTimeout.nanoseconds)
    let running: @Sendable (any Channel) async -> Void = { channel in
      await onListening(channel.localAddress?.port ?? configuredPort)
    }
    guard let tlsConfiguration else {
      return Application(
        router: makeRouter(), server: .http1(configuration: .init(idleTimeout: idleTimeout)),
        configuration: address, onServerRunning: running, logger: logger)
    }
    do {
      return try Application(
        router: makeRouter(),
        server: .tls(
          .http1(configuration: .init(idleTimeout: idleTimeout)),
          tlsConfiguration: tlsConfiguration),
        configuration: address, onServerRunning: running, logger: logger)
    } catch {
      throw WebhookServerError(.invalidTLSConfiguration, detail: "\(error)")
    }
  }

  /// The routes, with request logging on all and request metrics on the webhook.
  func makeRouter() -> Router<WebhookRequestContext> {
    let metrics = WebhookMetrics(factory: metricsFactory)
    let authenticator = RequestAuthenticator(configuration, tokens: tokens)
    let webhook = AuditWebhookHandler(
      intake: intake, authenticator: authenticator, maxBodyBytes: configuration.maxBodyBytes,
      metrics: metrics)
    let probes = ProbeRoutes(
      isReady: isReady, registry: registry,
      metricsAuthenticator: configuration.metricsRequireAuthentication ? authenticator : nil)

    let router = Router(context: WebhookRequestContext.self)
    router.add(middleware: RequestLogMiddleware())
    let audit = router.group(RouterPath(Routes.auditWebhook))
      .add(middleware: WebhookMetricsMiddleware(metrics: metrics))
    audit.post { request, context in try await webhook.handle(request, context: context) }
    for method: HTTPRequest.Method in [.get, .head, .put, .delete, .patch, .options] {
      audit.on("", method: method) { _, _ in
        var response = Response.jsonError(.methodNotAllowed, "use POST")
        response.headers[.allow] = "POST"
        return response
      }
    }
    router.get(RouterPath(Routes.health)) { _, _ in probes.health() }
    router.get(RouterPath(Routes.readiness)) { _, _ in probes.readiness() }
    router.get(RouterPath(Routes.metrics)) { request, context in
      await probes.metrics(request, context: context)
    }
    ClusterAPI(cluster: cluster, authenticator: authenticator, now: { Timestamp.now() })
      .mount(on: router)
    mountFlowRoutes(on: router, authenticator: authenticator)
    return router
  }
}
