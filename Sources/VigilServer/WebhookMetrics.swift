import Metrics
import VigilPipeline

/// The webhook's metrics, made from the injected factory with the names of ``MetricName``.
struct WebhookMetrics: Sendable {
  /// The factory every metric is made from.
  let factory: any MetricsFactory
  /// Requests refused for missing or wrong credentials.
  let unauthenticated: Counter
  /// Audit events queued from webhook bodies.
  let eventsReceived: Counter
  /// Request durations.
  let requestDuration: Timer

  /// Makes the fixed metrics.
  init(factory: any MetricsFactory) {
    self.factory = factory
    self.unauthenticated = Counter(
      label: MetricName.webhookUnauthenticated, dimensions: [], factory: factory)
    self.eventsReceived = Counter(
      label: MetricName.eventsReceived, dimensions: [("source", "webhook")], factory: factory)
    self.requestDuration = Timer(
      label: MetricName.webhookRequestDuration, dimensions: [], factory: factory)
  }

  /// The answered-requests counter for one status code.
  func requests(code: Int) -> Counter {
    Counter(
      label: MetricName.webhookRequests, dimensions: [("code", String(code))], factory: factory)
  }

  /// The rejections counter for one reason.
  func rejected(_ reason: RejectionReason) -> Counter {
    Counter(
      label: MetricName.eventsRejected, dimensions: [("reason", reason.rawValue)], factory: factory)
  }

  /// The `reason` label values the webhook uses on ``MetricName/eventsRejected``.
  enum RejectionReason: String, Sendable {
    /// Missing or wrong credentials (401).
    case unauthenticated
    /// Not `application/json` (415).
    case unsupportedMediaType = "unsupported_media_type"
    /// Body over the limit (413).
    case tooLarge = "too_large"
    /// The intake found no audit event (400).
    case malformed
    /// The queue is full (429).
    case overloaded
    /// The queue cannot be written (503).
    case unavailable
  }
}
