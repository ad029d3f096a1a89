import CoreMetrics
import Foundation
import Logging
import Synchronization
import VigilAudit
import VigilCore
import VigilDetect
import VigilRules
import VigilStore

/// `vigil serve`'s processor: drains the durable ingest queue (and any polled inputs such as the
/// audit log file) through the detectors, and commits each slice's alerts, their evidence, the
/// outbox rows for the sinks and the input checkpoints in one transaction — so after a crash the
/// unprocessed input is processed again and no alert is raised twice (exactly once per
/// auditID + stage + rule).
///
/// It runs on a thread of its own (decoding, rule evaluation and SQLite commits are blocking CPU
/// work that must not hold the cooperative pool the HTTP handlers run on); ``run()`` awaits it.
/// Rules and sink filters are swapped between slices (``reload(rules:)``), never mid-slice.
public final class LiveAuditProcessor: Sendable {
  /// Settings of the processor.
  public struct Configuration: Sendable {
    /// Minimum severity and the aggregation window (alerts with one dedup key in one window
    /// are stored once with a count; their sinks get the first at once and a summary after).
    public var detection = DetectionStage.Configuration()
    /// The sinks, for their filters.
    public var sinks: [SinkConfiguration] = []
    /// Which events are stored.
    public var storedEvents = AuditAnalysis.StoredEvents.evidence
    /// Events per commit at most.
    public var maxEventsPerCommit = 5_000
    /// How long to wait when there is nothing to do.
    public var idleInterval: Duration = .milliseconds(5)
    /// How often window summaries are released.
    public var summaryInterval: Duration = .seconds(1)
    /// How often the suppressions are re-read from the store.
    public var suppressionRefresh: Duration = .seconds(2)
    /// How long shutdown keeps draining the queue.
    public var drainTimeout: Duration = .seconds(10)
    /// The decoder's limits.
    public var decoder = AuditDecoder.Configuration()
    /// Learned baselines on the audit stream (nil: off); their profiles live in the store.
    public var baselines: BaselineDetector.Configuration? = BaselineDetector.Configuration()
    /// How often the learned profiles are saved (and once at shutdown).
    public var baselineSaveInterval: Duration = .seconds(300)
    /// Creates the defaults.
    public init() {}
  }

  struct Control {
    var stop = false
    var rules: RuleSet?
    var configuration: Configuration?
    var finish: CheckedContinuation<Void, Never>?
    var started = false
    var processedThrough: Int64 = 0
  }

  /// The checkpoint name of the webhook queue.
  public static let queueCheckpoint = "queue"

  let store: SQLiteStore
  let queue: IngestQueue
  let control: Mutex<Control>
  let logger: Logger
  let metricsFactory: any MetricsFactory
  let now: @Sendable () -> Timestamp
  private let setup:
    Mutex<(rules: RuleSet, configuration: Configuration, inputs: [any LiveEventInput])?>

  /// The queue position committed in `store` (batches at or below it are done).
  public static func processedThrough(in store: SQLiteStore) throws -> Int64 {
    try store.checkpoint(named: queueCheckpoint).flatMap { Int64($0) } ?? 0
  }

  /// Creates a processor; nothing runs until ``run()``.
  public init(
    store: SQLiteStore, queue: IngestQueue, inputs: [any LiveEventInput] = [], rules: RuleSet,
    configuration: Configuration, logger: Logger, metrics: any MetricsFactory,
    now: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
  ) throws {
    self.store = store
    self.queue = queue
    self.logger = logger
    self.metricsFactory = metrics
    self.now = now
    self.control = Mutex(Control(processedThrough: try Self.processedThrough(in: store)))
    self.setup = Mutex((rules, configuration, inputs))
  }

  /// The last queue batch whose results are committed.
  public var processedThrough: Int64 { control.withLock { $0.processedThrough } }

  /// Uses `rules` from the next slice on.
  public func reload(rules: RuleSet) { control.withLock { $0.rules = rules } }

  /// Uses `configuration` (sinks, severity, window) from the next slice on.
  public func reload(configuration: Configuration) {
    control.withLock { $0.configuration = configuration }
  }

  /// Processes until the task is cancelled, then drains the queue (up to the drain timeout).
  public func run() async {
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let start = control.withLock { control -> Bool in
          control.finish = continuation
          defer { control.started = true }
          return !control.started
        }
        guard start, let (rules, configuration, inputs) = setup.withLock({ $0.take() }) else {
          continuation.resume()
          return
        }
        let worker = LiveProcessorWorker(
          processor: self, rules: rules, configuration: configuration, inputs: inputs)
        let thread = Thread { worker.loop() }
        thread.name = "vigil-processor"
        thread.start()
      }
    } onCancel: {
      control.withLock { $0.stop = true }
    }
  }

  /// Called by the worker when it stops.
  func finished() {
    let continuation = control.withLock { control in
      defer { control.finish = nil }
      return control.finish
    }
    continuation?.resume()
  }
}
