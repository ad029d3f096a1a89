import Logging
import Metrics
import ServiceLifecycle
import VigilCore
import VigilKubeClient

/// Keeps a ``ClusterState`` current: one `ResourceWatcher` per `KubeResource.inventory` entry,
/// all running concurrently, each delivery applied with its time of arrival. Runs until
/// graceful shutdown or cancellation, then shuts its clients down.
///
/// Each watch holds an HTTP connection open. Over HTTP/1.1 a `KubeClient` opens at most 8
/// connections to one host (async-http-client's default pool), so the resources are spread over
/// several clients, ``watchesPerClient`` each, leaving room for relists.
public struct ClusterWatchService: Service {
  /// Watches sharing one client (its connection pool).
  public static let watchesPerClient = 6

  /// Where the deliveries go.
  public let state: ClusterState
  /// The resources watched (normally `KubeResource.inventory`).
  public let resources: [KubeResource]
  private let clients: [KubeClient]
  private let watcherConfiguration: ResourceWatcher.Configuration
  private let clock: @Sendable () -> Timestamp
  private let metrics: ClusterWatchMetrics
  private let logger: Logger

  /// The number of clients that `resources` need (see ``watchesPerClient``).
  public static func clientCount(for resources: [KubeResource] = KubeResource.inventory) -> Int {
    max(1, (resources.count + watchesPerClient - 1) / watchesPerClient)
  }

  /// Creates the service; it owns `clients` (shut down when `run()` returns) and spreads the
  /// resources over them in turn.
  public init(
    state: ClusterState, clients: [KubeClient],
    resources: [KubeResource] = KubeResource.inventory,
    watcherConfiguration: ResourceWatcher.Configuration = .init(),
    clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() },
    metrics: any MetricsFactory, logger: Logger
  ) {
    self.state = state
    self.clients = clients
    self.resources = resources
    self.watcherConfiguration = watcherConfiguration
    self.clock = clock
    self.metrics = ClusterWatchMetrics(factory: metrics)
    self.logger = logger
  }

  /// Watches every resource until graceful shutdown or cancellation.
  public func run() async throws {
    logger.info(
      "watching the cluster",
      metadata: [
        "k8s.server": "\(clients.first?.kubeConfiguration.server ?? "")",
        "k8s.resources": "\(resources.count)",
      ])
    if !clients.isEmpty {
      await cancelWhenGracefulShutdown {
        await withTaskGroup(of: Void.self) { group in
          for (index, resource) in resources.enumerated() {
            let client = clients[index % clients.count]
            group.addTask { await watch(resource, client: client) }
          }
        }
      }
    }
    for client in clients {
      do {
        try await client.shutdown()
      } catch {
        logger.warning("kube client shutdown failed", metadata: ["error": "\(error)"])
      }
    }
    logger.info("cluster watch stopped")
  }

  /// Runs one watcher until cancelled.
  private func watch(_ resource: KubeResource, client: KubeClient) async {
    let watcher = ResourceWatcher(
      resource: resource, client: client, configuration: watcherConfiguration, logger: logger)
    var lists = 0
    do {
      try await watcher.run { delivery in
        handle(delivery, resource: resource, lists: &lists)
      }
    } catch {
      // The handler never throws; the watcher returns on cancellation.
      logger.error("watch ended", metadata: ["k8s.resource": "\(resource)", "error": "\(error)"])
    }
  }

  /// Applies one delivery and records what it did.
  private func handle(
    _ delivery: ResourceWatcher.Delivery, resource: KubeResource, lists: inout Int
  ) {
    let issues = state.apply(delivery, resource: resource, at: clock())
    switch delivery {
    case .synced(let objects, _):
      lists += 1
      if lists > 1 { metrics.relisted(resource.kind) }
      logger.debug(
        "synced", metadata: ["k8s.resource": "\(resource)", "k8s.count": "\(objects.count)"])
    case .added, .modified, .deleted:
      metrics.event(resource.kind)
    case .notInstalled:
      // Delivered once per absence; the watcher itself logs it at notice level.
      logger.debug(
        "optional resource not installed; its objects are left out",
        metadata: ["k8s.resource": "\(resource)"])
    }
    metrics.applyErrors(resource.kind, issues.count)
    for issue in issues.prefix(3) {
      logger.warning("object not understood", metadata: ["issue": "\(issue)"])
    }
    if case .modified = delivery { return }  // Counts change only with lists, adds, deletes.
    metrics.record(counts: state.objectCounts())
  }
}
