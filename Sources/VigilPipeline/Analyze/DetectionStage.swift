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

  private var detectors: [Detectors.AnyDetector]
  private var aggregator: AlertAggregator
  private let minimumSeverity: Severity
  /// Alerts raised per rule (before aggregation), for the summary.
  public private(set) var raisedByRule: [String: Int] = [:]
  /// Events seen.
  public private(set) var eventCount = 0
  /// True when the last processed event raised at least one alert (it is evidence).
  public private(set) var lastEventRaisedAlert = false

  /// Creates the stage over detectors.
  public init(detectors: [Detectors.AnyDetector], configuration: Configuration = .init()) {
    self.detectors = detectors
    self.aggregator = AlertAggregator(configuration: configuration.aggregation)
    self.minimumSeverity = configuration.minimumSeverity
  }

  /// Runs one event through the detectors; returns the alerts whose aggregation window closed.
  public mutating func process(_ event: Event) -> [Alert] {
    eventCount += 1
    lastEventRaisedAlert = false
    for index in detectors.indices {
      for alert in detectors[index].observe(event, at: event.time)
      where alert.severity >= minimumSeverity {
        raisedByRule[alert.rule, default: 0] += alert.count
        lastEventRaisedAlert = true
        aggregator.add(alert)
      }
    }
    return aggregator.flush(upTo: event.time)
  }

  /// Releases every alert still aggregating, at the end of the input.
  public mutating func finish() -> [Alert] {
    aggregator.finish()
  }
}
