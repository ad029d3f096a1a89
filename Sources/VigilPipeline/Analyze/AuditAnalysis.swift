import VigilAudit
import VigilCore
import VigilDetect
import VigilRules
import VigilStore

/// `vigil analyze` as a library: audit log files → decode → detectors → aggregated alerts →
/// the caller's alert handler and the store, with a summary at the end. Streaming: memory stays
/// flat in the input size.
public struct AuditAnalysis {
  /// Which events go to the store.
  public enum StoredEvents: String, Sendable, CaseIterable {
    /// None.
    case none
    /// The events that raised an alert (the evidence).
    case evidence
    /// Every event.
    case all
  }

  /// Everything a run needs besides the rules, the store and the outputs.
  public struct Configuration: Sendable {
    /// Files, directories or `-`.
    public var inputs: [String] = ["-"]
    /// How the inputs are read and decoded.
    public var source = AuditLogSource.Configuration()
    /// Detection and aggregation settings.
    public var detection = DetectionStage.Configuration()
    /// Which events go to the store.
    public var storedEvents = StoredEvents.evidence
    /// Events per store transaction.
    public var storeBatchSize = 10_000
    /// What the cluster held before the log starts (`--snapshot`), for the inventory detectors.
    public var cluster: ClusterSeed?
    /// Creates the defaults.
    public init() {}
  }

  /// The configuration in force.
  public let configuration: Configuration
  /// The detectors' rules.
  public let rules: RuleSet
  /// Where alerts and events are written, if anywhere.
  public let store: (any Store)?

  /// Creates an analysis.
  public init(configuration: Configuration, rules: RuleSet, store: (any Store)?) {
    self.configuration = configuration
    self.rules = rules
    self.store = store
  }

  /// Runs to the end of the inputs. `onAlert` gets each alert as its aggregation window closes,
  /// `onDiagnostic` each bad piece of input, `onProgress` (bytes, events, alerts) now and then.
  public func run(
    onAlert: (Alert) -> Void,
    onDiagnostic: @escaping (InputDiagnostic) -> Void = { _ in },
    onProgress: ((Int, Int, Int) -> Void)? = nil
  ) throws -> Summary {
    let clock = ContinuousClock()
    let started = clock.now
    var source = try AuditLogSource(
      paths: configuration.inputs, configuration: configuration.source,
      diagnosticHandler: onDiagnostic)
    var stage = DetectionStage(
      detectors: Detectors.audit(rules: rules, cluster: configuration.cluster),
      configuration: configuration.detection)
    var summary = Summary()
    var batch = StoreBatch()
    var sinceProgress = 0

    func report(_ alerts: [Alert]) {
      for alert in alerts {
        summary.alertsByRule[alert.rule, default: 0] += 1
        summary.alertsBySeverity[alert.severity, default: 0] += 1
        onAlert(alert)
        if store != nil { batch.add(alert, window: configuration.detection.aggregation.window) }
      }
    }
    func flushStore(force: Bool) throws {
      guard let store, !batch.isEmpty,
        force || batch.events.count >= configuration.storeBatchSize || batch.alerts.count >= 1000
      else { return }
      let pending = batch
      batch = StoreBatch()
      try store.write { $0 = pending }
    }

    while let event = source.next() {
      let released = stage.process(event)
      switch configuration.storedEvents {
      case .all: if store != nil { batch.add(event) }
      case .evidence: if store != nil, stage.lastEventRaisedAlert { batch.add(event) }
      case .none: break
      }
      report(released)
      try flushStore(force: false)
      sinceProgress += 1
      if sinceProgress >= 4096, let onProgress {
        sinceProgress = 0
        onProgress(source.statistics.fileBytesRead, stage.eventCount, summary.alertCount)
      }
    }
    report(stage.finish())
    try flushStore(force: true)

    let statistics = source.statistics
    summary.bytesRead = statistics.bytesRead
    summary.linesRead = statistics.linesRead
    summary.events = statistics.eventsDecoded
    summary.diagnosticsByCode = statistics.diagnostics
    summary.firstDiagnostics = Array(source.diagnostics.prefix(10))
    summary.seconds = ProgressBar.seconds(clock.now - started)
    return summary
  }
}
