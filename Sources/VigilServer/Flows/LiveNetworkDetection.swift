import Synchronization
import VigilCore
import VigilDetect
import VigilNet
import VigilPipeline
import VigilStore

/// The network detectors of `vigil serve` behind a lock, with their alerts written through a
/// ``NetworkAlertWriter``: fed by the ``LiveNetworkMap`` with every attributed flow (also those
/// attributed late), advanced by the ``NetworkMapService`` so windows close on time.
public final class LiveNetworkDetection: Sendable {
  private let detection: Mutex<NetworkDetection>
  private let writer: NetworkAlertWriter

  /// Runs `detection`, writing through `writer`.
  public init(detection: sending NetworkDetection, writer: NetworkAlertWriter) {
    self.detection = Mutex(detection)
    self.writer = writer
  }

  /// Looks at attributed flows and stores what they raise.
  public func observe(_ flows: [AttributedFlow]) {
    guard !flows.isEmpty else { return }
    let alerts = detection.withLock { $0.observe(flows) }
    writer.write(alerts, at: .now())
  }

  /// Releases what is due at `now`.
  public func advance(to now: Timestamp) {
    let alerts = detection.withLock { $0.advance(to: now) }
    writer.write(alerts, at: now)
  }

  /// New indicators for the threat-intel detectors.
  public func replaceIndicators(_ indicators: sending IndicatorSet) {
    detection.withLock { $0.replaceIndicators(indicators) }
  }

  /// A zone classifier rebuilt from the current namespaces (labels change, namespaces come).
  public func replaceZones(_ classifier: sending ZoneClassifier) {
    detection.withLock { $0.replaceZones(classifier) }
  }

  /// The stream name the flow baselines are stored under.
  public static let baselineStream = "flows"

  /// Loads the flow baselines' profiles and rate series from the store; returns how many were
  /// restored.
  @discardableResult
  public func restoreBaselines(from store: SQLiteStore) throws -> (
    restored: Int, series: Int, unreadable: Int
  ) {
    guard let configuration = detection.withLock({ $0.baseline?.configuration }) else {
      return (0, 0, 0)
    }
    let restored = try BaselineStorage.restore(
      stream: Self.baselineStream, from: store, configuration: configuration)
    let detector = restored.detector
    detection.withLock { $0.replaceBaseline(detector) }
    return (restored.restored, restored.series, restored.unreadable)
  }

  /// Saves what the flow baselines learned after `mark`; returns the new mark.
  public func saveBaselines(to store: SQLiteStore, after mark: BaselineStorage.SaveMark) throws
    -> BaselineStorage.SaveMark
  {
    guard let detector = detection.withLock({ $0.baseline }) else { return mark }
    return try BaselineStorage.save(
      detector, stream: Self.baselineStream, to: store, after: mark
    ).mark
  }

  /// Applies stored baseline feedback to the flow baselines; returns what changed.
  @discardableResult
  public func applyBaselineFeedback(_ feedback: [BaselineFeedback]) -> Int {
    detection.withLock { detection in
      guard var baseline = detection.baseline else { return 0 }
      let changed = BaselineFeedbackApplier.apply(
        feedback, stream: Self.baselineStream, to: &baseline)
      detection.replaceBaseline(baseline)
      return changed
    }
  }

  /// Stores alerts raised outside the flow stream (exposure paths).
  public func write(_ alerts: [Alert], at now: Timestamp) { writer.write(alerts, at: now) }
}
