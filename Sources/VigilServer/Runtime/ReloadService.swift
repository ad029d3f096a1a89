import CoreMetrics
import Foundation
import Logging
import ServiceLifecycle
import VigilPipeline
import VigilRules

/// Reloads rules and configuration on SIGHUP or when a watched file changes: the new rules and
/// sinks are checked first and swapped in only when all of them load, so a bad file is reported
/// and the running ones stay in force. Events keep flowing: the processor swaps between slices.
/// Listen address, TLS and tokens are read at start only (a restart applies them).
struct ReloadService: Service {
  let watched: [String]
  let reread: @Sendable () throws -> ServeConfiguration
  let processor: LiveAuditProcessor
  let sinks: SinkSupervisor
  let tokens: BearerTokens
  let metrics: any MetricsFactory
  let logger: Logger

  func run() async throws {
    let watcher = ReloadWatcher(.init(paths: watched), logger: logger)
    let ok = Counter(label: MetricName.reloads, dimensions: [("result", "ok")], factory: metrics)
    let failed = Counter(
      label: MetricName.reloads, dimensions: [("result", "failed")], factory: metrics)
    await cancelWhenGracefulShutdown {
      for await trigger in await watcher.triggers() {
        do {
          try reload()
          ok.increment()
          logger.info(
            "reloaded rules and configuration", metadata: ["reload.trigger": "\(trigger)"])
        } catch {
          failed.increment()
          logger.error(
            "reload failed; the running rules and configuration stay in force",
            metadata: ["reload.trigger": "\(trigger)", "error": "\(error)"])
        }
      }
    }
  }

  /// Reads everything first, then applies it.
  func reload() throws {
    let configuration = try reread()
    let rules = try RuleSet.load(files: configuration.rules.map { URL(fileURLWithPath: $0) })
    try sinks.replace(with: configuration.sinks)
    tokens.replace(with: Set(configuration.auth.tokens))
    processor.reload(rules: rules)
    processor.reload(configuration: ServeRuntime.processorConfiguration(configuration))
  }
}
