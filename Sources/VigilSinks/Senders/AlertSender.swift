import VigilCore

/// Delivers one alert to one destination: a terminal, a file, an HTTP endpoint. A sender is
/// stateless about retries: ``SinkDelivery`` decides from the ``SendError`` what happens next.
public protocol AlertSender: Sendable {
  /// Sends `alert`; `deliveryID` is stable across retries of the same alert to the same sink, so
  /// receivers can drop duplicates (delivery is at least once).
  func send(_ alert: Alert, deliveryID: Int64) async throws(SendError)
}
