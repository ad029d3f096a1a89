import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import VigilAudit
import VigilCore
import VigilLogging
import VigilPipeline
import VigilRules
import VigilSinks
import VigilStore

/// `vigil serve` assembled: the store and the durable queue, the processor, one delivery loop
/// per sink, the webhook server, the reload watcher and (with `kube.enabled`) the cluster
/// watch, run as one `ServiceGroup`.
///
/// Shutdown (SIGTERM, SIGINT) goes in the order that loses nothing: the webhook stops taking
/// requests, the processor drains the queue, the sinks send what is due, then the files close.
public struct ServeRuntime: Sendable {
  /// The configuration at start.
  public let configuration: ServeConfiguration
  /// Re-reads the configuration for a reload (file, environment and flags again).
  public let reread: @Sendable () throws -> ServeConfiguration
  /// The metrics registry and factory (`/metrics`).
  public let metrics: PrometheusMetrics
  private let logger: Logger

  /// Creates the runtime.
  public init(
    configuration: ServeConfiguration, reread: @escaping @Sendable () throws -> ServeConfiguration,
    metrics: PrometheusMetrics, logger: Logger
  ) {
    self.configuration = configuration
    self.reread = reread
    self.metrics = metrics
    self.logger = logger
  }

  /// The queue file beside the store file.
  public static func queuePath(store: String) -> String { store + ".queue" }

  /// Runs until SIGTERM or SIGINT; `onListening` gets the bound port.
  public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
    let configuration = configuration
    let rules = try RuleSet.load(files: configuration.rules.map { URL(fileURLWithPath: $0) })
    var storeConfiguration = SQLiteStore.Configuration()
    storeConfiguration.durability = .full
    let store = try SQLiteStore(path: configuration.store, configuration: storeConfiguration)
    var queueConfiguration = IngestQueue.Configuration()
    queueConfiguration.maxQueuedEvents = configuration.limits.maxQueuedEvents
    let queue = try IngestQueue(
      path: Self.queuePath(store: configuration.store), configuration: queueConfiguration,
      processedThrough: try LiveAuditProcessor.processedThrough(in: store))
    defer {
      queue.close()
      try? store.close()
    }
    let inputs: [any LiveEventInput] =
      try configuration.auditLog.map {
        [try AuditLogFileInput(path: $0, store: store)]
      } ?? []
    let processor = try LiveAuditProcessor(
      store: store, queue: queue, inputs: inputs, rules: rules,
      configuration: Self.processorConfiguration(configuration),
      logger: logger.child("processor"), metrics: metrics.factory)
    // The process-wide client: it lives as long as the process and needs no shutdown.
    let httpClient = HTTPClient.shared
    let sinks = try SinkSupervisor(
      sinks: configuration.sinks, directory: Self.directory(of: configuration.store),
      outbox: store, httpClient: httpClient, logger: logger.child("sinks"),
      metrics: metrics.factory)
    let readiness = ReadinessFlag()
    // The cluster inventory (`kube.enabled`): /readyz also waits for its first full list.
    // Without a watch, an inventory imported into the store (`vigil inventory import`) serves.
    let cluster =
      configuration.kube.enabled ? ClusterState() : try Self.importedCluster(store: store)
    let networkDetection = LiveNetworkDetection(
      detection: NetworkDetection(
        detectors: Self.networkDetectors(configuration, cluster: cluster)),
      writer: NetworkAlertWriter(
        store: store, sinks: configuration.sinks,
        minimumSeverity: configuration.detection.minimumPriority,
        window: configuration.detection.aggregationWindow, logger: logger.child("network"),
        metrics: metrics.factory))
    let restored = try networkDetection.restoreBaselines(from: store)
    if restored.restored > 0 || restored.series > 0 || restored.unreadable > 0 {
      logger.info(
        "learned flow profiles restored",
        metadata: [
          "profiles": "\(restored.restored)", "series": "\(restored.series)",
          "unreadable": "\(restored.unreadable)",
        ])
    }
    let networkMap = LiveNetworkMap(cluster: cluster, detection: networkDetection)
    try Self.replayFlows(
      store: store, into: networkMap, window: configuration.network.mapWindow, logger: logger)
    let flowIntake = FlowIntake(store: store, observers: [networkMap])
    let intake = QueuedAuditIntake(
      queue: queue, retryAfterSeconds: configuration.limits.retryAfterSeconds)
    let server = WebhookServer(
      configuration: Self.serverConfiguration(configuration), intake: intake,
      registry: metrics.registry, metricsFactory: metrics.factory,
      isReady: { readiness.isReady && (cluster?.hasSynced() ?? true) },
      logger: logger.child("webhook"), cluster: cluster, flows: flowIntake,
      networkMap: networkMap)
    let application = try server.makeApplication(onListening: onListening)
    // Made last of what can fail: its HTTP client must reach `run()`, which shuts it down.
    var clusterWatch: ClusterWatchService?
    if let cluster, configuration.kube.enabled {
      clusterWatch = try await ClusterWatchService.make(
        configuration.kube, state: cluster, metrics: metrics.factory, logger: logger.child("kube"))
    }
    let reloader = ReloadService(
      watched: configuration.watchedFiles, reread: reread, processor: processor, sinks: sinks,
      tokens: server.tokens, metrics: metrics.factory, logger: logger.child("reload"))
    readiness.set(true)
    logger.info(
      "vigil serve started",
      metadata: [
        "store.path": "\(configuration.store)", "rules.count": "\(rules.rules.count)",
        "sinks": "\(configuration.sinks.map(\.name).joined(separator: ","))",
        "listen": "\(configuration.listen)", "tls": "\(configuration.tls.isEnabled)",
        "queue.events": "\(queue.queuedEvents)", "kube": "\(configuration.kube.enabled)",
      ])
    // Shut down in reverse order: webhook, cluster watch, reloader, processor (drains), sinks
    // (drain).
    var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
      .init(service: sinks), .init(service: ProcessorService(processor: processor)),
      .init(service: reloader),
    ]
    if let clusterWatch { services.append(.init(service: clusterWatch)) }
    let feeds = try Self.threatFeeds(configuration)
    if !feeds.isEmpty {
      services.append(
        .init(
          service: ThreatFeedService(
            feeds: feeds, detection: networkDetection, logger: logger.child("intel"))))
    }
    services.append(
      .init(
        service: NetworkMapService(
          map: networkMap, detection: networkDetection, cluster: cluster, store: store,
          settings: configuration.network,
          baselineSaveInterval: configuration.baselines.saveInterval,
          window: configuration.network.mapWindow,
          retention: configuration.network.flowRetention, logger: logger.child("network"))))
    services.append(.init(service: application))
    let group = ServiceGroup(
      configuration: .init(
        services: services,
        gracefulShutdownSignals: [.sigterm, .sigint], logger: logger.child("lifecycle")))
    try await group.run()
    readiness.set(false)
    logger.info("vigil serve stopped")
  }

  /// The processor's settings from the configuration.
  static func processorConfiguration(
    _ configuration: ServeConfiguration
  ) -> LiveAuditProcessor.Configuration {
    var processor = LiveAuditProcessor.Configuration()
    processor.sinks = configuration.sinks
    processor.detection.minimumSeverity = configuration.detection.minimumPriority
    processor.detection.aggregation.window = configuration.detection.aggregationWindow
    processor.baselines = configuration.baselines.detectorConfiguration
    processor.baselineSaveInterval = configuration.baselines.saveInterval
    return processor
  }

  /// The webhook server's settings from the configuration.
  static func serverConfiguration(_ configuration: ServeConfiguration)
    -> WebhookServer.Configuration
  {
    let tls = configuration.tls
    return WebhookServer.Configuration(
      host: configuration.listen.host, port: configuration.listen.port,
      maxBodyBytes: configuration.limits.maxBodyBytes,
      bearerTokens: Set(configuration.auth.tokens),
      tls: tls.certificate.flatMap { certificate in
        tls.key.map {
          WebhookServer.Configuration.TLS(certificateChainPath: certificate, privateKeyPath: $0)
        }
      },
      clientCAPath: tls.clientCA, requireClientCertificate: tls.requireClientCertificate,
      metricsRequireAuthentication: configuration.auth.metricsRequireAuth)
  }

  static func directory(of path: String) -> String {
    let directory = (path as NSString).deletingLastPathComponent
    return directory.isEmpty ? "." : directory
  }
}
