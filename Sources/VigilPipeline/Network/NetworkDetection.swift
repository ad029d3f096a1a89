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
  public mutating func observe(_ batch: [AttributedFlow]) -> [Alert] { observe(batch[...]) }

  /// Alerts the detectors raise on `batch`. Flows are handed to the detectors in place (by
  /// index, not copied into a loop variable: a copy retains every string and endpoint a flow
  /// holds).
  public mutating func observe(_ batch: ArraySlice<AttributedFlow>) -> [Alert] {
    var alerts: [Alert] = []
    var position = batch.startIndex
    while position < batch.endIndex {
      flows += 1
      if batch[position].flow.isLookup {
        // A name looked up, not a connection: only the name-matching detectors see it.
        for index in detectors.indices where detectors[index].observesLookups {
          alerts += detectors[index].observe(batch[position])
        }
        position += 1
        continue
      }
      for index in detectors.indices {
        let raised = detectors[index].observe(batch[position])
        if !raised.isEmpty { alerts += raised }
      }
      position += 1
    }
    return alerts
  }

  /// Alerts due at `now` (closed windows).
  public mutating func advance(to now: Timestamp) -> [Alert] {
    var alerts: [Alert] = []
    for index in detectors.indices { alerts += detectors[index].advance(to: now) }
    return alerts
  }

  /// The learned-baseline detector, if the set has one (a copy: its profiles for the store).
  public var baseline: BaselineDetector? {
    detectors.lazy.compactMap { $0 as? BaselineDetector }.first
  }

  /// Puts `baseline` in place of the set's baseline detector (profiles restored from the store).
  public mutating func replaceBaseline(_ baseline: BaselineDetector) {
    guard let index = detectors.firstIndex(where: { $0 is BaselineDetector }) else { return }
    detectors[index] = baseline
  }

  /// Gives every zone-crossing detector a classifier rebuilt from the current namespaces.
  public mutating func replaceZones(_ classifier: ZoneClassifier) {
    for index in detectors.indices {
      guard var crossing = detectors[index] as? ZoneCrossingDetector else { continue }
      crossing.replaceClassifier(classifier)
      detectors[index] = crossing
    }
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
