/// Every metric `vigil serve` exports, named once (Prometheus conventions: `_total` counters,
/// `_seconds` durations). Components take a `MetricsFactory` and create theirs from these names.
public enum MetricName {
  /// Counter, `source` = webhook | file: audit events received (before decoding).
  public static let eventsReceived = "vigil_events_received_total"
  /// Counter: audit events decoded and processed.
  public static let eventsDecoded = "vigil_events_decoded_total"
  /// Counter, `reason` = not_json | not_audit_event | too_large | unauthenticated | overloaded |
  /// unsupported_media_type | …: events or requests rejected.
  public static let eventsRejected = "vigil_events_rejected_total"
  /// Counter, `code` = HTTP status: webhook requests answered.
  public static let webhookRequests = "vigil_webhook_requests_total"
  /// Counter: webhook requests refused for missing or wrong credentials.
  public static let webhookUnauthenticated = "vigil_webhook_unauthenticated_total"
  /// Timer (histogram): webhook request durations.
  public static let webhookRequestDuration = "vigil_webhook_request_duration_seconds"
  /// Counter, `rule`, `priority`: alerts raised.
  public static let alerts = "vigil_alerts_total"
  /// Counter, `rule`: alerts suppressed by a suppression.
  public static let alertsSuppressed = "vigil_alerts_suppressed_total"
  /// Counter, `sink`: alerts delivered.
  public static let sinkDeliveries = "vigil_sink_deliveries_total"
  /// Counter, `sink`: delivery attempts that failed.
  public static let sinkFailures = "vigil_sink_failures_total"
  /// Counter, `sink`: alerts written to the dead-letter file after the last retry.
  public static let sinkDeadLetters = "vigil_sink_dead_letters_total"
  /// Gauge: events queued durably and not yet processed.
  public static let queueDepth = "vigil_queue_depth_events"
  /// Timer (histogram): from receipt of an event to its alert being stored.
  public static let processingLatency = "vigil_processing_latency_seconds"
  /// Counter, `result` = ok | failed: rule and configuration reloads.
  public static let reloads = "vigil_reloads_total"
  /// Counter: flow records received from node agents and stored.
  public static let flowsReceived = "vigil_flows_received_total"
  /// Counter, `result` = accepted | duplicate | malformed | unauthenticated | unavailable |
  /// too-large: flow batches posted to `/v1/ingest/flows`.
  public static let flowBatches = "vigil_flow_batches_total"
  /// Counter: lines of flow batches that were not flow records (reported and skipped).
  public static let flowLinesRejected = "vigil_flow_lines_rejected_total"
}
