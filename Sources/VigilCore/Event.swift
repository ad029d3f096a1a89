import VigilJSON

/// One normalized thing that happened in the cluster. Every source produces it, every detector
/// consumes it (DESIGN.md, "Data flow").
public struct Event: Sendable {
  /// The kinds of event Vigil understands.
  public enum Payload: Sendable {
    /// A Kubernetes API server audit event (any shape, normalized).
    case audit(AuditEvent)
  }

  /// When it happened.
  public var time: Timestamp
  /// Where it was read from, for evidence and diagnostics.
  public var position: SourcePosition
  /// What happened.
  public var payload: Payload

  /// Creates an event.
  public init(time: Timestamp, position: SourcePosition, payload: Payload) {
    self.time = time
    self.position = position
    self.payload = payload
  }

  /// The audit event, when this is one.
  public var audit: AuditEvent? {
    switch payload {
    case .audit(let audit): audit
    }
  }

  /// The rule `source` this event feeds (`k8s_audit` for audit events, as in Falco).
  public var source: String {
    switch payload {
    case .audit: "k8s_audit"
    }
  }
}
