import Logging
import ServiceLifecycle
import VigilCore
import VigilDetect
import VigilPipeline
import VigilStore

/// Keeps the live network map current in `vigil serve`: closes the detectors' windows, and when
/// the cluster inventory changes attributes the flows that waited for it; every hour it forgets edges older than the map
/// window and deletes flows past the retention from the store.
struct NetworkMapService: Service {
  let map: LiveNetworkMap
  let detection: LiveNetworkDetection?
  let cluster: ClusterState?
  let store: SQLiteStore
  /// The network settings (zone overrides for the classifier rebuilt on inventory changes).
  let settings: ServeConfiguration.Network
  /// How often the flow baselines are saved.
  var baselineSaveInterval: Duration = .seconds(300)
  let window: Duration
  let retention: Duration
  let logger: Logger
  /// How often the inventory generation is checked.
  var interval: Duration = .seconds(2)
  /// How often exposure paths are searched for new ones.
  var pathInterval: Duration = .seconds(60)

  func run() async throws {
    var generation = cluster?.generation ?? 0
    var lastPrune = ContinuousClock.now - .seconds(3600)
    var lastPaths = ContinuousClock.now
    var pathAlerts = ExposurePathAlerts()
    var lastBaselineSave = ContinuousClock.now
    var saved = BaselineStorage.SaveMark()
    func saveBaselines() {
      guard let detection else { return }
      do {
        saved = try detection.saveBaselines(to: store, after: saved)
      } catch {
        logger.warning("cannot save learned flow profiles", metadata: ["error": "\(error)"])
      }
    }
    defer { saveBaselines() }
    var feedbackApplied: Int64 = 0
    while !Task.isCancelled && !Task.isShuttingDownGracefully {
      do {
        try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
      } catch {
        return
      }
      let now = Timestamp.now()
      detection?.advance(to: now)
      if let current = cluster?.generation, current != generation {
        generation = current
        map.inventoryChanged(now: now)
        if let cluster, let detection {
          let inventory = cluster.read { $0.inventory }
          detection.replaceZones(NetworkDetection.zoneClassifier(settings, inventory: inventory))
        }
      }
      // New paths from public entry points to sensitive services, once a minute.
      if let cluster, let detection, ContinuousClock.now - lastPaths >= pathInterval {
        lastPaths = ContinuousClock.now
        let paths = ExposurePathsAPI.paths(
          cluster: cluster, map: map, since: now.adding(.zero - window))
        detection.write(pathAlerts.alerts(for: paths, at: now), at: now)
      }
      if let detection {
        do {
          let feedback = try store.baselineFeedback(after: feedbackApplied)
          if let last = feedback.last?.id {
            feedbackApplied = last
            if detection.applyBaselineFeedback(feedback) > 0 { saved.profilesThrough = nil }
          }
        } catch {
          logger.warning("cannot read baseline feedback", metadata: ["error": "\(error)"])
        }
      }
      if ContinuousClock.now - lastBaselineSave >= baselineSaveInterval {
        lastBaselineSave = ContinuousClock.now
        saveBaselines()
      }
      if ContinuousClock.now - lastPrune >= .seconds(3600) {
        lastPrune = ContinuousClock.now
        map.forget(lastSeenBefore: now.adding(.zero - window))
        do {
          let deleted = try store.deleteFlows(before: now.adding(.zero - retention))
          if deleted > 0 { logger.info("old flows deleted", metadata: ["count": "\(deleted)"]) }
        } catch {
          logger.warning("cannot delete old flows", metadata: ["error": "\(error)"])
        }
      }
    }
  }
}
