import Logging
import VigilCore
import VigilDetect
import VigilNet
import VigilPipeline
import VigilStore

extension ServeRuntime {
  /// The cluster as imported into the store (`vigil inventory import`), marked as listed; nil
  /// when nothing was imported.
  static func importedCluster(store: SQLiteStore) throws -> ClusterState? {
    let snapshot = try ClusterSnapshot(store: store)
    guard !snapshot.objects.isEmpty else { return nil }
    let inventory = try snapshot.inventory(at: .now())
    let state = ClusterState(
      inventory: inventory, exposure: snapshot.exposures(inventory: inventory),
      rbac: snapshot.rbac())
    state.markSynced()
    return state
  }

  /// Feeds the flows stored within `window` into the map (a restart keeps the map).
  static func replayFlows(
    store: SQLiteStore, into map: LiveNetworkMap, window: Duration, logger: Logger
  ) throws {
    var decoder = VigilFlowDecoder(file: "store")
    var batch: [FlowRecord] = []
    var count = 0
    try store.forEachFlow(since: Timestamp.now().adding(.zero - window)) { flow in
      if case .record(let record) = decoder.next(line: flow.line) {
        batch.append(record)
        count += 1
      }
      if batch.count >= 10_000 {
        map.observe(batch, detect: false)
        batch.removeAll(keepingCapacity: true)
      }
    }
    map.observe(batch, detect: false)
    if count > 0 { logger.info("network map restored", metadata: ["flows": "\(count)"]) }
  }

  /// The network detectors for this configuration and cluster.
  static func networkDetectors(_ configuration: ServeConfiguration, cluster: ClusterState?)
    -> [any NetworkDetector]
  {
    let zones = NetworkDetection.zoneClassifier(
      configuration.network, inventory: cluster.map { state in state.read { $0.inventory } })
    return NetworkDetection.standardDetectors(
      configuration.network, zones: zones,
      baselines: configuration.baselines.detectorConfiguration)
  }

  /// The configured threat feeds (a bad spec stops the start with its reason).
  static func threatFeeds(_ configuration: ServeConfiguration) throws -> [ThreatFeed] {
    try configuration.network.threatFeeds.map { spec throws in try ThreatFeedSpec.parse(spec) }
  }
}
