import VigilCore
import VigilDetect
import VigilKube
import VigilNet
import VigilRules

/// The detection Vigil has today, as `vigil analyze` and `vigil serve` run it: the rule pack and
/// the stateful audit detectors (`Detectors.audit`, seeded with the cluster's starting objects)
/// through a `DetectionStage`; flows attributed through a `KubeEndpointResolver` over the live
/// inventory (rebuilt when pods come and go) and run through the network detectors `serve`
/// configures (zones from the namespaces, 5-second bursts), their alerts aggregated by dedup key
/// over the serve default window (10 minutes).
public struct StandardScenarioAnalyzer: ScenarioAnalyzer {
  private var stage: DetectionStage
  private var inventory: Inventory
  private let exposures: ExposureInventory
  private var resolver: KubeEndpointResolver
  private var resolverIsStale = false
  private var attributor = FlowAttributor()
  private var network: NetworkDetection
  private var networkAlerts: AlertAggregator

  /// Detection over `rules`, starting from `snapshot` (the objects before the history) at `start`.
  public init(rules: RuleSet, snapshot: ClusterSnapshot, start: Timestamp) throws {
    var detection = DetectionStage.Configuration()
    detection.aggregation.window = .seconds(600)
    stage = DetectionStage(
      detectors: Detectors.audit(rules: rules, cluster: try snapshot.seed(at: start)),
      configuration: detection)
    inventory = try snapshot.inventory(at: start)
    exposures = snapshot.exposures(inventory: inventory)
    resolver = KubeEndpointResolver(inventory: inventory, exposures: exposures)
    network = NetworkDetection(
      detectors: Self.networkDetectors(zones: ZoneClassifier(inventory: inventory)))
    var aggregation = AlertAggregator.Configuration()
    aggregation.window = .seconds(600)
    networkAlerts = AlertAggregator(configuration: aggregation)
  }

  /// The network detectors as `vigil serve` configures them by default.
  public static func networkDetectors(zones: ZoneClassifier) -> [any NetworkDetector] {
    NetworkDetection.standardDetectors(ServeConfiguration.Network(), zones: zones)
  }

  /// Runs the event through the audit detectors; returns the alerts whose window closed.
  public mutating func observe(audit event: Event) -> [Alert] {
    stage.process(event)
  }

  /// Attributes the flow (rebuilding the resolver first if pods changed) and runs it through
  /// the network detectors; their alerts come out of ``advance(to:)``.
  public mutating func observe(flow: FlowRecord) -> [Alert] {
    if resolverIsStale {
      resolver = KubeEndpointResolver(inventory: inventory, exposures: exposures)
      resolverIsStale = false
      for late in attributor.retryPending(resolver: resolver, now: flow.start) {
        for alert in network.observe([late]) { networkAlerts.add(alert) }
      }
      attributor.inventoryChanged()
    }
    guard let attributed = attributor.attribute(flow, resolver: resolver) else { return [] }
    for alert in network.observe([attributed]) { networkAlerts.add(alert) }
    return []
  }

  /// Applies the change to the inventory; the resolver is rebuilt before the next flow.
  public mutating func observe(
    inventory type: WatchEventType, object: String, at time: Timestamp
  ) -> [Alert] {
    if (try? inventory.apply(type, json: object, at: time)) != nil { resolverIsStale = true }
    return []
  }

  /// Closes the network detectors' windows and releases the aggregated network alerts due.
  public mutating func advance(to now: Timestamp) -> [Alert] {
    for alert in network.advance(to: now) { networkAlerts.add(alert) }
    return networkAlerts.flush(upTo: now)
  }

  /// Releases everything still aggregating.
  public mutating func finish() -> [Alert] {
    var alerts = stage.finish()
    for late in attributor.drainPending(resolver: resolver) {
      for alert in network.observe([late]) { networkAlerts.add(alert) }
    }
    alerts += networkAlerts.finish()
    return alerts
  }
}
