import Synchronization
import VigilCore
import VigilKube
import VigilNet
import VigilPipeline

/// The network map `vigil serve` keeps from agents' flows: every stored batch is attributed
/// (both ends named through the cluster inventory at the flow's own time) and aggregated into
/// edges. Flows whose pods the inventory does not know yet wait and are attributed when it
/// changes (``inventoryChanged(now:)``). Thread-safe.
public final class LiveNetworkMap: FlowObserver, Sendable {
  private let analysis: Mutex<FlowGraphAnalysis<KubeEndpointResolver>>
  private let cluster: ClusterState?
  private let detection: LiveNetworkDetection?

  /// Creates an empty map over `cluster` (nil: no inventory; addresses are classified only);
  /// attributed flows also go to `detection`.
  public init(cluster: ClusterState?, detection: LiveNetworkDetection? = nil) {
    self.cluster = cluster
    self.detection = detection
    analysis = Mutex(FlowGraphAnalysis(resolver: Self.resolver(cluster)))
  }

  /// The resolver over the cluster's current state.
  static func resolver(_ cluster: ClusterState?) -> KubeEndpointResolver {
    guard let cluster else {
      return KubeEndpointResolver(inventory: Inventory(), exposures: ExposureInventory())
    }
    return cluster.read {
      KubeEndpointResolver(inventory: $0.inventory, exposures: $0.exposure)
    }
  }

  /// Attributes and aggregates stored records.
  public func observe(_ records: [FlowRecord]) { observe(records, detect: true) }

  /// Attributes and aggregates records; `detect: false` (replaying stored flows at start) only
  /// rebuilds the map, so nothing is alerted twice.
  public func observe(_ records: [FlowRecord], detect: Bool) {
    let attributed = analysis.withLock { analysis in
      records.compactMap { analysis.add($0) }
    }
    if detect { detection?.observe(attributed) }
  }

  /// The inventory changed: rebuild the resolver and attribute the waiting flows (giving up
  /// those past the attributor's horizon at `now`).
  public func inventoryChanged(now: Timestamp) {
    let resolver = Self.resolver(cluster)
    let late = analysis.withLock { $0.inventoryChanged(resolver: resolver, now: now) }
    detection?.observe(late)
  }

  /// Forgets edges last seen before `cutoff`.
  public func forget(lastSeenBefore cutoff: Timestamp) {
    analysis.withLock { $0.forget(lastSeenBefore: cutoff) }
  }

  /// The map, or its part with an end in `namespace` and flows seen at or after `since`.
  public func graph(namespace: String? = nil, since: Timestamp? = nil) -> NetworkGraph {
    analysis.withLock { $0.map.graph(namespace: namespace, since: since) }
  }

  /// Counters: flows read, attributed late, given up, waiting, edges.
  public func statistics() -> Statistics {
    analysis.withLock { analysis in
      Statistics(
        flows: analysis.records, resolvedLate: analysis.attributor.resolvedLate,
        gaveUp: analysis.attributor.gaveUp, pending: analysis.attributor.pendingCount,
        droppedPending: analysis.attributor.droppedPending, edges: analysis.map.edgeCount,
        droppedFlows: analysis.map.droppedFlows)
    }
  }

  /// What the map holds and what it could not place.
  public struct Statistics: Sendable, Hashable {
    /// Flow records read.
    public var flows: Int
    /// Flows attributed after waiting for the inventory.
    public var resolvedLate: Int
    /// Flows attributed as unknown addresses after the horizon.
    public var gaveUp: Int
    /// Flows waiting for the inventory.
    public var pending: Int
    /// Waiting flows dropped because the queue was full.
    public var droppedPending: Int
    /// Edges held.
    public var edges: Int
    /// Flows not counted because the map was full.
    public var droppedFlows: Int
  }
}
