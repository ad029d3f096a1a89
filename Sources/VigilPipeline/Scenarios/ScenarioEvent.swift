import VigilCore
import VigilKube
import VigilNet

/// One item of a simulated cluster's history, in time order: an audit event as the API server
/// writes it (an audit.k8s.io/v1 JSON line), a flow as the node agent reports it, or a change
/// of the cluster's objects as the Kubernetes watch reports it (pods coming and going).
public enum ScenarioEvent: Sendable {
  /// An audit.k8s.io/v1 Event, one JSON line.
  case audit(time: Timestamp, line: String)
  /// A flow record.
  case flow(FlowRecord)
  /// A watch event for one object (JSON).
  case inventory(time: Timestamp, type: WatchEventType, object: String)

  /// When it happened.
  public var time: Timestamp {
    switch self {
    case .audit(let time, _): time
    case .flow(let flow): flow.start
    case .inventory(let time, _, _): time
    }
  }
}
