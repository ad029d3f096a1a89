import VigilCore
import VigilNet

/// Flags flows from a workload in one zone to a sensitive service (database, cache, vault,
/// object store) in a zone it must not reach: by default anything not prod reaching prod.
/// One alert per (source workload, destination workload) per window, with counts.
///
/// Sensitive means marked by the resolver (`EndpointMarks.sensitivity`: labels, images, ports)
/// or, for ends it did not mark, recognized by ``SensitiveServiceHeuristic`` (port, name).
public struct ZoneCrossingDetector: NetworkDetector, Sendable {
  /// Which zones must not reach which.
  public struct ForbiddenCrossing: Sendable, Hashable {
    /// Source zones that must not reach `to`; nil means every zone other than `to`.
    public var from: Set<Zone>?
    /// The protected zone (its sensitive services).
    public var to: Zone
    /// Whether workloads in namespaces with no zone count as sources too.
    public var includesUnzonedSources: Bool

    /// Creates a forbidden crossing.
    public init(from: Set<Zone>? = nil, to: Zone, includesUnzonedSources: Bool = false) {
      self.from = from
      self.to = to
      self.includesUnzonedSources = includesUnzonedSources
    }

    /// Whether a source in `zone` (nil: no zone) must not reach `to`.
    func forbids(source zone: Zone?) -> Bool {
      guard let zone else { return includesUnzonedSources }
      return from.map { $0.contains(zone) } ?? (zone != to)
    }
  }

  /// Settings.
  public struct Configuration: Sendable {
    /// The forbidden crossings (default: any other zone → prod).
    public var forbidden: [ForbiddenCrossing] = [ForbiddenCrossing(to: .prod)]
    /// Recognizes sensitive services the resolver did not mark; nil trusts the marks alone.
    public var heuristic: SensitiveServiceHeuristic? = .standard
    /// How long one alert aggregates the flows of a pair.
    public var window: Duration = .seconds(60)
    /// Most pairs aggregating at once.
    public var maxOpenGroups = 10_000
    /// Creates the defaults.
    public init() {}
  }

  /// The rule name.
  public static let rule = "Workload reached a sensitive service in a protected zone"
  /// ATT&CK techniques and controls (segmentation).
  public static let tags = [
    "network", "zone", "mitre:T1021", "mitre:T1210", "soc2:CC6.6", "nist:AC-4", "nist:SC-7",
    "cis:5.3.2", "pci:1.3.1", "iso27001:A.8.22",
  ]

  /// What the detector caches about an end: its zone and any sensitivity its name shows.
  struct Facts: Sendable {
    var zone: ZoneAssignment?
    var nameSensitivity: EndpointMarks.Sensitivity?
  }

  /// The settings in force.
  public let configuration: Configuration
  /// Zones of namespaces.
  public private(set) var classifier: ZoneClassifier
  var windows: FlowWindows<[NetworkEndpoint]>
  var facts: [NetworkEndpoint: Facts] = [:]
  /// Protected zones (destinations worth looking at).
  let protectedZones: Set<Zone>
  /// Flows observed.
  public private(set) var flowsSeen = 0
  /// Flows that crossed a forbidden boundary.
  public private(set) var crossings = 0

  /// Creates a detector.
  /// Swaps in a classifier rebuilt from the current namespaces (open windows stay).
  public mutating func replaceClassifier(_ classifier: ZoneClassifier) {
    self.classifier = classifier
  }

  public init(classifier: ZoneClassifier, configuration: Configuration = .init()) {
    self.classifier = classifier
    self.configuration = configuration
    windows = FlowWindows(window: configuration.window, maxOpen: configuration.maxOpenGroups)
    protectedZones = Set(configuration.forbidden.map(\.to))
  }

  /// Looks at one flow; returns the alerts whose windows closed.
  public mutating func observe(_ flow: AttributedFlow) -> [Alert] {
    flowsSeen &+= 1
    var released: [FlowWindows<[NetworkEndpoint]>.Released] = []
    if isForbidden(flow) != nil {
      crossings &+= 1
      released = windows.add([flow.source.mapNode, flow.destination.mapNode], flow)
    }
    released += windows.release(upTo: flow.flow.end)
    return released.isEmpty ? [] : alerts(released)
  }

  /// Releases the windows closed by `now`.
  public mutating func advance(to now: Timestamp) -> [Alert] {
    alerts(windows.release(upTo: now))
  }

  /// Releases every window (end of input).
  public mutating func finish() -> [Alert] { alerts(windows.releaseAll()) }

  /// The zones and sensitivity when `flow` crosses a forbidden boundary, else nil.
  mutating func isForbidden(_ flow: AttributedFlow) -> Crossing? {
    let destination = flow.destination
    guard destination.kind == .workload || destination.kind == .service,
      flow.source.kind == .workload
    else { return nil }
    let destinationFacts = facts(of: destination)
    guard let destinationZone = destinationFacts.zone,
      protectedZones.contains(destinationZone.zone)
    else { return nil }
    guard
      let sensitivity = flow.destinationMarks.sensitivity
        ?? configuration.heuristic?.sensitivity(port: flow.flow.destinationPort)
        ?? destinationFacts.nameSensitivity
    else { return nil }
    let sourceZone = facts(of: flow.source).zone
    for crossing in configuration.forbidden
    where crossing.to == destinationZone.zone && crossing.forbids(source: sourceZone?.zone) {
      return Crossing(source: sourceZone, destination: destinationZone, sensitivity: sensitivity)
    }
    return nil
  }

  /// A forbidden crossing's particulars.
  struct Crossing {
    var source: ZoneAssignment?
    var destination: ZoneAssignment
    var sensitivity: EndpointMarks.Sensitivity
  }

  /// The zone and name sensitivity of `endpoint`, cached.
  @inline(__always)
  mutating func facts(of endpoint: NetworkEndpoint) -> Facts {
    if let known = facts[endpoint] { return known }
    let found = Facts(
      zone: endpoint.namespace.isEmpty ? nil : classifier.zone(ofNamespace: endpoint.namespace),
      nameSensitivity: configuration.heuristic?.sensitivity(name: endpoint))
    if facts.count >= 50_000 { facts.removeAll(keepingCapacity: true) }
    facts[endpoint] = found
    return found
  }
}
