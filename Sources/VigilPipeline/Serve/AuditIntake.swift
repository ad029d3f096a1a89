/// The seam between the audit webhook and the durable queue: the HTTP layer hands over a
/// request body; the intake validates it and queues it durably before it answers.
///
/// A returned receipt means the batch is on disk (the webhook may answer 200). Nothing of a
/// rejected body is kept.
public protocol AuditIntake: Sendable {
  /// Validates `body` (an audit EventList, Event, array, or an EKS/AKS/GKE shape) and queues it
  /// durably; returns how many events were queued.
  func accept(_ body: [UInt8]) async throws(IntakeRejection) -> IntakeReceipt
}

/// What the intake says of an accepted body.
public struct IntakeReceipt: Sendable, Hashable {
  /// Events queued from the body (re-sent events included: the processor drops repeats by
  /// auditID and stage).
  public var events: Int

  /// Creates a receipt.
  public init(events: Int) {
    self.events = events
  }
}

/// Why the intake refused a body; the webhook turns each into its HTTP status.
public struct IntakeRejection: Error, Sendable, Hashable, CustomStringConvertible {
  /// The kinds of refusal.
  public enum Code: String, Sendable, Hashable {
    /// Not JSON, or JSON that holds no audit event (400).
    case malformed
    /// The queue is full; retry after ``IntakeRejection/retryAfterSeconds`` (429).
    case overloaded
    /// The queue cannot be written (503).
    case unavailable
  }

  /// The kind of refusal.
  public var code: Code
  /// A reason a person can act on (`not JSON: unexpected character at byte 17`).
  public var reason: String
  /// For ``Code/overloaded``: seconds the client should wait.
  public var retryAfterSeconds: Int

  /// Creates a rejection.
  public init(_ code: Code, _ reason: String, retryAfterSeconds: Int = 1) {
    self.code = code
    self.reason = reason
    self.retryAfterSeconds = retryAfterSeconds
  }

  /// `code: reason`.
  public var description: String {
    switch code {
    case .malformed: "malformed: \(reason)"
    case .overloaded: "overloaded: \(reason) (retry after \(retryAfterSeconds) s)"
    case .unavailable: "unavailable: \(reason)"
    }
  }
}
