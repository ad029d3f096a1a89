import Prometheus

/// A Prometheus registry and a swift-metrics factory writing into it, with Timer buckets from
/// 1 ms to 10 s. Nothing global is touched: `vigil serve` bootstraps `MetricsSystem` with
/// ``factory`` once, and components receive the factory explicitly.
public struct PrometheusMetrics: Sendable {
  /// The registry `/metrics` renders.
  public let registry: PrometheusCollectorRegistry
  /// The factory to hand to components (and, once, to `MetricsSystem.bootstrap`).
  public let factory: PrometheusMetricsFactory

  /// Histogram buckets for every Timer: 1 ms … 10 s.
  public static let durationBuckets: [Duration] = [
    .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
    .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
    .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
  ]

  /// Creates a fresh registry and its factory.
  public init() {
    let registry = PrometheusCollectorRegistry()
    var factory = PrometheusMetricsFactory(registry: registry)
    factory.defaultDurationHistogramBuckets = Self.durationBuckets
    self.registry = registry
    self.factory = factory
  }

  /// The text exposition (format 0.0.4) of everything registered.
  public func exposition() -> String { registry.emitToString() }
}
