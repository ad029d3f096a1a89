import AsyncHTTPClient
import CoreMetrics
import Logging
import ServiceLifecycle
import Synchronization
import VigilPipeline
import VigilSinks
import VigilStore

/// Runs one ``SinkDelivery`` per configured sink and replaces the set on reload. The outbox is
/// durable, so stopping a delivery loop loses nothing: its alerts wait for the next one.
final class SinkSupervisor: Service, Sendable {
  private let directory: String
  private let outbox: any Outbox
  private let httpClient: HTTPClient
  private let logger: Logger
  private let metrics: any MetricsFactory
  private let current: Mutex<(generation: Int, deliveries: [SinkDelivery])>
  private let changes: AsyncStream<Int>
  private let changed: AsyncStream<Int>.Continuation

  init(
    sinks: [SinkConfiguration], directory: String, outbox: any Outbox, httpClient: HTTPClient,
    logger: Logger, metrics: any MetricsFactory
  ) throws {
    self.directory = directory
    self.outbox = outbox
    self.httpClient = httpClient
    self.logger = logger
    self.metrics = metrics
    let deliveries = try Self.deliveries(
      sinks, directory: directory, outbox: outbox, httpClient: httpClient, logger: logger,
      metrics: metrics)
    current = Mutex((0, deliveries))
    (changes, changed) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
  }

  /// Checks and builds the new sinks, then swaps them in; throws (keeping the old ones) when a
  /// sink is invalid.
  func replace(with sinks: [SinkConfiguration]) throws {
    let deliveries = try Self.deliveries(
      sinks, directory: directory, outbox: outbox, httpClient: httpClient, logger: logger,
      metrics: metrics)
    let generation = current.withLock { current in
      current = (current.generation + 1, deliveries)
      return current.generation
    }
    changed.yield(generation)
  }

  func run() async throws {
    while true {
      let (generation, deliveries) = current.withLock { ($0.generation, $0.deliveries) }
      let changes = self.changes
      // Runs this generation's loops until the sinks change or shutdown begins.
      let next: Int? =
        await cancelWhenGracefulShutdown {
          await withTaskGroup(of: Int?.self) { group in
            for delivery in deliveries {
              group.addTask {
                try? await delivery.run()
                return nil
              }
            }
            group.addTask {
              for await change in changes where change != generation { return change }
              return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
          }
        } ?? nil
      if next == nil || isShuttingDown {
        // Shutdown: the processor has drained by now; send what is due, a few seconds at most.
        let deadline = ContinuousClock.now + .seconds(5)
        for delivery in current.withLock({ $0.deliveries }) {
          _ = await delivery.drain(deadline: deadline)
        }
        return
      }
    }
  }

  private var isShuttingDown: Bool { Task.isShuttingDownGracefully }

  private static func deliveries(
    _ sinks: [SinkConfiguration], directory: String, outbox: any Outbox, httpClient: HTTPClient,
    logger: Logger, metrics: any MetricsFactory
  ) throws -> [SinkDelivery] {
    try sinks.map { sink in
      SinkDelivery(
        configuration: SinkDelivery.Configuration(sink, directory: directory),
        sender: try SinkFactory.make(sink, httpClient: httpClient, logger: logger),
        outbox: outbox, logger: logger, metricsFactory: metrics)
    }
  }
}
