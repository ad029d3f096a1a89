import VigilCore

/// One alert waiting to be delivered to one sink.
public struct OutboxItem: Sendable, Hashable {
  /// The row's identity, stable until it is delivered or removed.
  public var id: Int64
  /// The sink's name.
  public var sink: String
  /// The alert to send.
  public var alert: Alert
  /// Delivery attempts made so far.
  public var attempts: Int
  /// Not to be tried before this time (a retry's backoff).
  public var notBefore: Timestamp

  /// Creates an item.
  public init(id: Int64, sink: String, alert: Alert, attempts: Int = 0, notBefore: Timestamp) {
    self.id = id
    self.sink = sink
    self.alert = alert
    self.attempts = attempts
    self.notBefore = notBefore
  }
}
