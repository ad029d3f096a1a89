import VigilCore

/// One request body waiting in the ingest queue.
public struct QueuedBatch: Sendable, Hashable {
  /// Its position in the queue: ids only grow, so "processed through id N" is a checkpoint.
  public var id: Int64
  /// When the webhook received it.
  public var received: Timestamp
  /// How many audit events it holds.
  public var events: Int
  /// The body as received.
  public var body: [UInt8]

  /// Creates a batch.
  public init(id: Int64, received: Timestamp, events: Int, body: [UInt8]) {
    self.id = id
    self.received = received
    self.events = events
    self.body = body
  }
}

/// Why the ingest queue refused or failed a batch.
public struct IngestQueueError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The kinds of failure.
  public enum Code: Sendable, Hashable {
    /// Accepting it would pass the queue's event limit.
    case full
    /// The queue was closed (shutting down).
    case closed
    /// The database failed.
    case databaseFailure
  }

  /// What went wrong.
  public var code: Code
  /// The details.
  public var detail: String

  /// Creates an error.
  public init(_ code: Code, _ detail: String) {
    self.code = code
    self.detail = detail
  }

  /// A one-line description.
  public var description: String {
    switch code {
    case .full: "ingest queue full: \(detail)"
    case .closed: "ingest queue closed: \(detail)"
    case .databaseFailure: "ingest queue database error: \(detail)"
    }
  }
}
