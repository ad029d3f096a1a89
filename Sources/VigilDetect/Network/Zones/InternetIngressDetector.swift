import VigilCore
import VigilNet

/// Watches connections from public addresses into the cluster. To an end with a declared
/// exposure (`EndpointMarks.isPublicEntry`, from the exposure inventory, or named in
/// `Configuration.declaredExposures`) they are recorded in ``records``; to any other workload
/// or Service they are an alert, one per (destination, port) per window, with counts and the
/// sources seen; its subject is the end reached, with the first public source as `sourceIP`.
public struct InternetIngressDetector: NetworkDetector, Sendable {
  /// Settings.
  public struct Configuration: Sendable {
    /// Kinds of destination watched (nodes are left out: NodePorts land on node addresses).
    public var destinationKinds: Set<NetworkEndpoint.Kind> = [.workload, .service]
    /// Map-node ids (`workload:web/Deployment/frontend`) exposed outside the inventory.
    public var declaredExposures: Set<String> = []
    /// How long one alert aggregates a (destination, port) pair.
    public var window: Duration = .seconds(300)
    /// Most pairs aggregating at once.
    public var maxOpenGroups = 10_000
    /// Most (entry point, port) records kept; past that new ones are only counted.
    public var maxRecords = 100_000
    /// Creates the defaults.
    public init() {}
  }

  /// The rule name.
  public static let rule = "Connection from the internet to a workload with no declared exposure"
  /// ATT&CK techniques and controls (boundary protection).
  public static let tags = [
    "network", "ingress", "mitre:T1190", "mitre:T1133", "soc2:CC6.6", "nist:SC-7", "cis:5.3.2",
    "pci:1.3.1", "iso27001:A.8.20",
  ]

  /// A destination and port.
  struct Target: Hashable, Sendable {
    var destination: NetworkEndpoint
    var port: UInt16
    var proto: UInt8
  }

  /// The settings in force.
  public let configuration: Configuration
  var windows: FlowWindows<Target>
  var recorded: [Target: IngressRecord] = [:]
  /// Flows observed.
  public private(set) var flowsSeen = 0
  /// Flows from the internet to declared entry points (recorded).
  public private(set) var recordedFlows = 0
  /// Flows from the internet to ends with no declared exposure (alerted).
  public private(set) var unexposedFlows = 0
  /// Recorded flows not kept in `records` because it was full.
  public private(set) var recordsDropped = 0

  /// Creates a detector.
  public init(configuration: Configuration = .init()) {
    self.configuration = configuration
    windows = FlowWindows(window: configuration.window, maxOpen: configuration.maxOpenGroups)
  }

  /// Connections from the internet to declared entry points, busiest first.
  public var records: [IngressRecord] {
    recorded.values.sorted {
      ($0.connections, $1.destination.id, $1.port) > ($1.connections, $0.destination.id, $0.port)
    }
  }

  /// Looks at one flow; returns the alerts whose windows closed.
  public mutating func observe(_ flow: AttributedFlow) -> [Alert] {
    flowsSeen &+= 1
    var released: [FlowWindows<Target>.Released] = []
    let source = flow.source
    if source.kind == .external, source.scope == .publicInternet,
      configuration.destinationKinds.contains(flow.destination.kind)
    {
      let target = Target(
        destination: flow.destination.mapNode, port: flow.flow.destinationPort,
        proto: flow.flow.proto)
      if isExposed(flow, target.destination) {
        record(flow, target)
      } else {
        unexposedFlows &+= 1
        released = windows.add(target, flow)
      }
    }
    released += windows.release(upTo: flow.flow.end)
    return released.isEmpty ? [] : released.map(alert)
  }

  /// Releases the windows closed by `now`.
  public mutating func advance(to now: Timestamp) -> [Alert] {
    windows.release(upTo: now).map(alert)
  }

  /// Releases every window (end of input).
  public mutating func finish() -> [Alert] { windows.releaseAll().map(alert) }

  func isExposed(_ flow: AttributedFlow, _ destination: NetworkEndpoint) -> Bool {
    flow.destinationMarks.isPublicEntry
      || (!configuration.declaredExposures.isEmpty
        && configuration.declaredExposures.contains(destination.id))
  }

  mutating func record(_ flow: AttributedFlow, _ target: Target) {
    recordedFlows &+= 1
    if let index = recorded.index(forKey: target) {
      recorded.values[index].add(flow)
    } else if recorded.count < configuration.maxRecords {
      recorded[target] = IngressRecord(flow, destination: target.destination)
    } else {
      recordsDropped &+= 1
    }
  }
}
