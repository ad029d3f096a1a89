import VigilCore
import VigilDetect

/// The pure middle of the pipeline: every event through every detector, the alerts below the
/// minimum severity dropped, the rest aggregated; released alerts come back in order.
public struct DetectionStage {
  /// Settings of the stage.
  public struct Configuration: Sendable {
    /// Alerts below this severity are not reported.
    public var minimumSeverity: Severity = .debug
    /// How identical alerts aggregate.
    public var aggregation = AlertAggregator.Configuration()
    /// Creates the defaults.
    public init() {}
  }

  /// Where each detector is kept, in the order they run.
  private enum Slot {
    case rules(Int)
    case deployer(Int)
    case baseline(Int)
    case other(Int)
  }

  /// The known detector types are stored as themselves, so the per-event calls are direct and
  /// specialized; any other detector stays an existential.
  private var order: [Slot] = []
  private var ruleDetectors: [RuleDetector] = []
  private var deployerDetectors: [DeployerBaselineDetector] = []
  /// The learned-baseline detectors (their profiles are saved and restored by the live server).
  public private(set) var baselines: [BaselineDetector] = []
  private var otherDetectors: [Detectors.AnyDetector] = []
  private var aggregator: AlertAggregator
  private let minimumSeverity: Severity
  /// Events seen.
  public private(set) var eventCount = 0
  /// True when the last processed event raised at least one alert (it is evidence).
  public private(set) var lastEventRaisedAlert = false

  /// Creates the stage over detectors.
  public init(detectors: [Detectors.AnyDetector], configuration: Configuration = .init()) {
    for detector in detectors {
      if let rules = detector as? RuleDetector {
        order.append(.rules(ruleDetectors.count))
        ruleDetectors.append(rules)
      } else if let deployer = detector as? DeployerBaselineDetector {
        order.append(.deployer(deployerDetectors.count))
        deployerDetectors.append(deployer)
      } else if let baseline = detector as? BaselineDetector {
        order.append(.baseline(baselines.count))
        baselines.append(baseline)
      } else {
        order.append(.other(otherDetectors.count))
        otherDetectors.append(detector)
      }
    }
    self.aggregator = AlertAggregator(configuration: configuration.aggregation)
    self.minimumSeverity = configuration.minimumSeverity
  }

  /// Runs one event through the detectors; returns the alerts whose aggregation window closed.
  public mutating func process(_ event: Event) -> [Alert] {
    eventCount += 1
    lastEventRaisedAlert = false
    for slot in order {
      let alerts =
        switch slot {
        case .rules(let index): ruleDetectors[index].observe(event, at: event.time)
        case .deployer(let index): deployerDetectors[index].observe(event, at: event.time)
        case .baseline(let index): baselines[index].observe(event, at: event.time)
        case .other(let index): otherDetectors[index].observe(event, at: event.time)
        }
      for alert in alerts where alert.severity >= minimumSeverity {
        lastEventRaisedAlert = true
        aggregator.add(alert)
      }
    }
    return aggregator.flush(upTo: event.time)
  }

  /// Releases every alert still aggregating, at the end of the input.
  public mutating func finish() -> [Alert] {
    for index in baselines.indices {
      for alert in baselines[index].finish() where alert.severity >= minimumSeverity {
        aggregator.add(alert)
      }
    }
    return aggregator.finish()
  }

  /// Runs `body` on the baseline detectors in place (restore, accept, lock, snapshot).
  public mutating func withBaselines<R>(_ body: (inout [BaselineDetector]) throws -> R) rethrows
    -> R
  {
    try body(&baselines)
  }
}
