import VigilCore
import VigilKube
import VigilNet

/// What the scenario runner drives: Vigil's detection over a simulated history. Audit events
/// arrive decoded, flows as the agent reports them, object changes as the watch reports them;
/// time advances between them. Every call returns the alerts released by then (aggregated).
public protocol ScenarioAnalyzer {
  /// One decoded audit event.
  mutating func observe(audit event: Event) -> [Alert]
  /// One flow record.
  mutating func observe(flow: FlowRecord) -> [Alert]
  /// One change of the cluster's objects (a watch event).
  mutating func observe(inventory type: WatchEventType, object: String, at time: Timestamp)
    -> [Alert]
  /// Time has reached `now`: windows close.
  mutating func advance(to now: Timestamp) -> [Alert]
  /// The end of the history: everything still held is released.
  mutating func finish() -> [Alert]
}

extension ScenarioAnalyzer {
  /// Analyzers that do not follow the objects ignore their changes.
  public mutating func observe(
    inventory type: WatchEventType, object: String, at time: Timestamp
  ) -> [Alert] { [] }
}
