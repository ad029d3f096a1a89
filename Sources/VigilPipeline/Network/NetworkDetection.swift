import VigilCore
import VigilDetect
import VigilNet

/// The network detectors `vigil serve` runs over attributed flows, in order; each flow goes to
/// every detector. Pure: no I/O, time from the flows and ``advance(to:)``.
public struct NetworkDetection {
  /// The detectors.
  public var detectors: [any NetworkDetector]
  /// Flows seen.
  public private(set) var flows = 0

  /// Runs `detectors`.
  public init(detectors: [any NetworkDetector]) { self.detectors = detectors }

  /// Alerts the detectors raise on `batch`.
  public mutating func observe(_ batch: [AttributedFlow]) -> [Alert] {
    var alerts: [Alert] = []
    for flow in batch {
      flows += 1
      for index in detectors.indices { alerts += detectors[index].observe(flow) }
    }
    return alerts
  }

  /// Alerts due at `now` (closed windows).
  public mutating func advance(to now: Timestamp) -> [Alert] {
    var alerts: [Alert] = []
    for index in detectors.indices { alerts += detectors[index].advance(to: now) }
    return alerts
  }

  /// Gives every threat-intel detector a new indicator set (feeds reloaded).
  public mutating func replaceIndicators(_ indicators: IndicatorSet) {
    for index in detectors.indices {
      guard var intel = detectors[index] as? ThreatIntelDetector else { continue }
      intel.replaceIndicators(indicators)
      detectors[index] = intel
    }
  }
}
