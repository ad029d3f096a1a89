import Synchronization
import VigilCore
import VigilDetect
import VigilNet
import VigilPipeline

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

  /// Stores alerts raised outside the flow stream (exposure paths).
  public func write(_ alerts: [Alert], at now: Timestamp) { writer.write(alerts, at: now) }
}
