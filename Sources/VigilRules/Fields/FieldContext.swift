import VigilCore
import VigilJSON

/// What the field extractors of one event share: the event, and the JSON nodes many fields start
/// from (`requestObject`, its `spec`, the pod specs and containers of any workload kind), each
/// looked up at most once per event however many fields read it.
///
/// Not final: the rule evaluator's per-event context adds its field slots to it.
class FieldContext {
  /// The event being read.
  final let event: Event
  /// The audit event, when this is one.
  final let audit: AuditEvent?
  private final var rootMemo: JSONValue??
  private final var requestObjectMemo: JSONValue??
  private final var requestSpecMemo: JSONValue??
  private final var podSpecsMemo: [JSONValue]?
  private final var containersMemo: [FieldSupport.ContainerView]?

  /// A context for one event.
  init(event: Event) {
    self.event = event
    self.audit = event.audit
  }

  /// When the event happened.
  final var time: Timestamp { event.time }

  /// The root of the audit event's native JSON, nil for other events.
  final var auditRoot: JSONValue? {
    if let memo = rootMemo { return memo }
    let value = audit?.document.root
    rootMemo = .some(value)
    return value
  }

  /// `requestObject`, when the event carries one.
  final var requestObject: JSONValue? {
    if let memo = requestObjectMemo { return memo }
    let value = auditRoot?["requestObject"]
    requestObjectMemo = .some(value)
    return value
  }

  /// `requestObject.spec`, when the event carries one.
  final var requestSpec: JSONValue? {
    if let memo = requestSpecMemo { return memo }
    let value = requestObject?["spec"]
    requestSpecMemo = .some(value)
    return value
  }

  /// The pod specs of the request body (see `FieldSupport.podSpecs`).
  final var podSpecs: [JSONValue] {
    if let memo = podSpecsMemo { return memo }
    let value = FieldSupport.podSpecs(in: requestObject)
    podSpecsMemo = value
    return value
  }

  /// Every container of the request body (see `FieldSupport.allContainers`).
  final var allContainers: [FieldSupport.ContainerView] {
    if let memo = containersMemo { return memo }
    let value = FieldSupport.allContainers(in: requestObject)
    containersMemo = value
    return value
  }
}
