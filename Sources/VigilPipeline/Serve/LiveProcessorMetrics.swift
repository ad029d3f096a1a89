import CoreMetrics
import VigilCore

/// The live processor's metrics, created once from a factory; per-rule counters are cached.
final class LiveProcessorMetrics {
  private let factory: any MetricsFactory
  let decoded: Counter
  let queueDepth: Gauge
  let latency: Timer
  private var alertCounters: [String: Counter] = [:]
  private var suppressedCounters: [String: Counter] = [:]
  private var rejectedCounters: [InputDiagnostic.Code: Counter] = [:]

  init(factory: any MetricsFactory) {
    self.factory = factory
    decoded = Counter(label: MetricName.eventsDecoded, factory: factory)
    queueDepth = Gauge(label: MetricName.queueDepth, factory: factory)
    latency = Timer(label: MetricName.processingLatency, factory: factory)
  }

  func alert(_ alert: Alert) {
    let key = "\(alert.rule)\u{0}\(alert.severity.falcoName)"
    if let counter = alertCounters[key] { return counter.increment() }
    let counter = Counter(
      label: MetricName.alerts,
      dimensions: [("rule", alert.rule), ("priority", alert.severity.falcoName)], factory: factory)
    alertCounters[key] = counter
    counter.increment()
  }

  func suppressed(_ alert: Alert) {
    if let counter = suppressedCounters[alert.rule] { return counter.increment() }
    let counter = Counter(
      label: MetricName.alertsSuppressed, dimensions: [("rule", alert.rule)], factory: factory)
    suppressedCounters[alert.rule] = counter
    counter.increment()
  }

  func rejected(_ code: InputDiagnostic.Code) {
    if let counter = rejectedCounters[code] { return counter.increment() }
    let reason = String(code.rawValue.map { $0 == "-" ? "_" : $0 })
    let counter = Counter(
      label: MetricName.eventsRejected, dimensions: [("reason", reason)], factory: factory)
    rejectedCounters[code] = counter
    counter.increment()
  }
}
