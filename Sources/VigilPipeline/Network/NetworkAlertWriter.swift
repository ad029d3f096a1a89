import Logging
import Metrics
import VigilCore
import VigilStore

/// Commits network alerts the way the audit processor commits its own: below the minimum
/// priority dropped, suppressed ones counted and dropped, the rest stored with one outbox row
/// per sink whose filter accepts them (the sinks' delivery loops pick them up), repeats within
/// the window aggregated by the store.
public final class NetworkAlertWriter: Sendable {
  private let store: SQLiteStore
  private let filters: [(name: String, filter: SinkFilter)]
  private let minimumSeverity: Severity
  private let window: Duration
  private let logger: Logger
  private let metrics: any MetricsFactory

  /// Creates a writer over `store` for `sinks`.
  public init(
    store: SQLiteStore, sinks: [SinkConfiguration], minimumSeverity: Severity,
    window: Duration, logger: Logger, metrics: any MetricsFactory
  ) {
    self.store = store
    self.filters = sinks.map { ($0.name, SinkFilter($0)) }
    self.minimumSeverity = minimumSeverity
    self.window = window
    self.logger = logger
    self.metrics = metrics
  }

  /// Stores `alerts` (one transaction); errors are logged, the alerts are lost only if the
  /// store cannot be written.
  public func write(_ alerts: [Alert], at now: Timestamp) {
    let kept = alerts.filter { $0.severity >= minimumSeverity }
    guard !kept.isEmpty else { return }
    let suppressions = (try? store.suppressions(activeAt: now)) ?? []
    var batch = LiveBatch(window: window, now: now)
    for alert in kept {
      if suppressions.contains(where: { $0.matches(alert, at: now) }) {
        Counter(
          label: MetricName.alertsSuppressed, dimensions: [("rule", alert.rule)], factory: metrics
        ).increment()
        continue
      }
      batch.alerts.append(
        LiveBatch.Entry(
          alert: alert, sinks: filters.filter { $0.filter.accepts(alert) }.map(\.name)))
    }
    guard !batch.alerts.isEmpty else { return }
    do {
      let result = try store.commit(batch)
      for alert in result.raised {
        Counter(
          label: MetricName.alerts,
          dimensions: [("rule", alert.rule), ("priority", alert.severity.falcoName)],
          factory: metrics
        ).increment()
      }
    } catch {
      logger.error(
        "cannot store network alerts", metadata: ["error": "\(error)", "alerts": "\(kept.count)"])
    }
  }
}
