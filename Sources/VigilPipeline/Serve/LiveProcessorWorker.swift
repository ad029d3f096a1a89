import Foundation
import Logging
import VigilAudit
import VigilCore
import VigilDetect
import VigilJSON
import VigilRules
import VigilStore

/// The processor's thread-confined state and loop: one slice at a time, read → detect →
/// commit → acknowledge.
final class LiveProcessorWorker: @unchecked Sendable {
  // @unchecked: created by LiveAuditProcessor.run() and from then on used only by its thread.
  private let processor: LiveAuditProcessor
  private var configuration: LiveAuditProcessor.Configuration
  private var rules: RuleSet
  private var stage: DetectionStage
  private var filters: [(name: String, filter: SinkFilter)]
  private var inputs: [any LiveEventInput]
  private var deduplicator = AuditDeduplicator()
  private var indexer = JSONIndexer()
  private let decoder: AuditDecoder
  private let metrics: LiveProcessorMetrics
  private var suppressions: [Suppression] = []
  private var suppressionsReadAt: Timestamp?
  private var summariesAt: Timestamp?
  /// When the baselines were last saved (profiles observed after it are written next).
  private var baselinesSavedAt: Timestamp?
  private var baselinesSaved = BaselineStorage.SaveMark()
  /// The last baseline feedback row applied.
  private var feedbackApplied: Int64 = 0
  private var processedThrough: Int64
  private var logged = 0

  init(
    processor: LiveAuditProcessor, rules: RuleSet,
    configuration: LiveAuditProcessor.Configuration, inputs: [any LiveEventInput]
  ) {
    self.processor = processor
    self.rules = rules
    self.configuration = configuration
    self.stage = Self.stage(rules: rules, configuration: configuration)
    self.filters = configuration.sinks.map { ($0.name, SinkFilter($0)) }
    self.inputs = inputs
    self.decoder = AuditDecoder(configuration: configuration.decoder)
    self.metrics = LiveProcessorMetrics(factory: processor.metricsFactory)
    self.processedThrough = processor.processedThrough
    restoreBaselines()
  }

  /// Loads the audit stream's learned profiles from the store into the stage's baselines.
  private func restoreBaselines() {
    guard let settings = configuration.baselines else { return }
    do {
      let restored = try BaselineStorage.restore(
        stream: Self.baselineStream, from: processor.store, configuration: settings)
      stage.withBaselines { baselines in
        if !baselines.isEmpty { baselines[0] = restored.detector }
      }
      if restored.restored > 0 || restored.series > 0 || restored.unreadable > 0 {
        processor.logger.info(
          "learned profiles restored",
          metadata: [
            "stream": "\(Self.baselineStream)", "profiles": "\(restored.restored)",
            "series": "\(restored.series)", "unreadable": "\(restored.unreadable)",
          ])
      }
    } catch {
      processor.logger.error("cannot read learned profiles", metadata: ["error": "\(error)"])
    }
  }

  /// Saves the profiles observed and the rate series summarized since the last save, at most
  /// every `baselineSaveInterval` (always when `force`).
  private func saveBaselines(_ now: Timestamp, force: Bool = false) {
    guard configuration.baselines != nil, let detector = stage.baselines.first else { return }
    if !force, let last = baselinesSavedAt,
      now < last.adding(configuration.baselineSaveInterval)
    {
      return
    }
    baselinesSavedAt = now
    do {
      let (rows, mark) = try BaselineStorage.rows(
        for: detector, stream: Self.baselineStream, after: baselinesSaved)
      try processor.store.save(profiles: rows)
      baselinesSaved = mark
    } catch {
      processor.logger.error("cannot save learned profiles", metadata: ["error": "\(error)"])
    }
  }

  /// The stream name the audit baselines are stored under.
  static let baselineStream = "audit"

  /// Alerts leave the stage at once (window zero); the store aggregates them by window.
  private static func stage(
    rules: RuleSet, configuration: LiveAuditProcessor.Configuration
  ) -> DetectionStage {
    var detection = configuration.detection
    detection.aggregation.window = .zero
    return DetectionStage(
      detectors: Detectors.audit(rules: rules, baselines: configuration.baselines),
      configuration: detection)
  }

  func loop() {
    var drainDeadline: Timestamp?
    while true {
      let (stop, newRules, newConfiguration) = processor.control.withLock { control in
        defer {
          control.rules = nil
          control.configuration = nil
        }
        return (control.stop, control.rules, control.configuration)
      }
      if let newConfiguration {
        configuration = newConfiguration
        filters = configuration.sinks.map { ($0.name, SinkFilter($0)) }
      }
      if newRules != nil || newConfiguration != nil {
        if let newRules { rules = newRules }
        // The learned profiles outlive a rules or settings reload.
        let learned = stage.baselines
        stage = Self.stage(rules: rules, configuration: configuration)
        stage.withBaselines { baselines in
          if baselines.count == learned.count { baselines = learned }
        }
      }
      let worked = step()
      if stop {
        let now = processor.now()
        let deadline = drainDeadline ?? now.adding(configuration.drainTimeout)
        drainDeadline = deadline
        if !worked || now >= deadline { break }
      } else if !worked {
        Thread.sleep(forTimeInterval: Self.seconds(configuration.idleInterval))
      }
    }
    saveBaselines(processor.now(), force: true)
    processor.logger.info(
      "processor stopped", metadata: ["queue.processed_through": "\(processedThrough)"])
    processor.finished()
  }

  /// One slice; false when there was nothing to do.
  private func step() -> Bool {
    let now = processor.now()
    refreshSuppressions(now)
    releaseSummaries(now)
    saveBaselines(now)
    var batch = LiveBatch(window: configuration.detection.aggregation.window, now: now)
    var queued: [QueuedBatch] = []
    do {
      queued = try processor.queue.batches(
        after: processedThrough, limit: 1024, maxEvents: configuration.maxEventsPerCommit)
    } catch {
      processor.logger.error("cannot read the ingest queue", metadata: ["error": "\(error)"])
    }
    var events = 0
    for item in queued {
      events += item.events
      process(body: item, into: &batch)
    }
    for index in inputs.indices {
      do {
        guard let polled = try inputs[index].poll(maxEvents: configuration.maxEventsPerCommit)
        else { continue }
        for diagnostic in polled.diagnostics { report(diagnostic) }
        for event in polled.events { process(event, into: &batch) }
        batch.checkpoints[inputs[index].checkpointName] = polled.checkpoint
      } catch {
        processor.logger.error(
          "cannot read input",
          metadata: ["input": "\(inputs[index].checkpointName)", "error": "\(error)"])
      }
    }
    if let last = queued.last {
      batch.checkpoints[LiveAuditProcessor.queueCheckpoint] = String(last.id)
    }
    guard !batch.isEmpty else {
      metrics.queueDepth.record(processor.queue.queuedEvents)
      return false
    }
    commit(batch)
    if let last = queued.last {
      processedThrough = last.id
      processor.control.withLock { $0.processedThrough = last.id }
      do {
        try processor.queue.remove(through: last.id, events: events)
      } catch {
        // Harmless: the rows are at or below the committed checkpoint and are skipped and
        // deleted when the queue is next opened.
        processor.logger.warning("cannot trim the ingest queue", metadata: ["error": "\(error)"])
      }
      let done = processor.now()
      for item in queued {
        metrics.latency.recordNanoseconds(done.nanoseconds - item.received.nanoseconds)
      }
    }
    metrics.queueDepth.record(processor.queue.queuedEvents)
    return true
  }

  private func process(body item: QueuedBatch, into batch: inout LiveBatch) {
    var events: [Event] = []
    var diagnostics: [InputDiagnostic] = []
    decoder.decode(
      bytes: item.body, at: SourcePosition(file: "webhook#\(item.id)", line: 1),
      indexer: &indexer, into: &events, diagnostics: &diagnostics)
    for diagnostic in diagnostics { report(diagnostic) }
    for event in events { process(event, into: &batch) }
  }

  private func process(_ event: Event, into batch: inout LiveBatch) {
    if let audit = event.audit,
      deduplicator.isDuplicate(auditID: audit.auditID, stage: audit.stage)
    {
      metrics.rejected(.duplicate)
      return
    }
    metrics.decoded.increment()
    let alerts = stage.process(event)
    switch configuration.storedEvents {
    case .all: batch.events.append(EventRecord(event: event))
    case .evidence: if stage.lastEventRaisedAlert { batch.events.append(EventRecord(event: event)) }
    case .none: break
    }
    for alert in alerts {
      if suppressions.contains(where: { $0.matches(alert, at: batch.now) }) {
        metrics.suppressed(alert)
        continue
      }
      let sinks = filters.filter { $0.filter.accepts(alert) }.map(\.name)
      batch.alerts.append(LiveBatch.Entry(alert: alert, sinks: sinks))
    }
  }

  /// Commits, retrying with a growing pause while the store fails (nothing is acknowledged
  /// meanwhile, so nothing is lost).
  private func commit(_ batch: LiveBatch) {
    var pause = 0.05
    while true {
      do {
        let result = try processor.store.commit(batch)
        for alert in result.raised { metrics.alert(alert) }
        return
      } catch {
        processor.logger.error(
          "cannot commit; retrying", metadata: ["error": "\(error)", "retry.seconds": "\(pause)"])
        Thread.sleep(forTimeInterval: pause)
        pause = min(pause * 2, 5)
      }
    }
  }

  private func report(_ diagnostic: InputDiagnostic) {
    metrics.rejected(diagnostic.code)
    guard logged < 100 else { return }
    logged += 1
    processor.logger.warning(
      "bad input skipped",
      metadata: ["input.position": "\(diagnostic.position)", "error": "\(diagnostic.message)"])
  }

  private func refreshSuppressions(_ now: Timestamp) {
    if let last = suppressionsReadAt, now < last.adding(configuration.suppressionRefresh) { return }
    suppressionsReadAt = now
    do {
      suppressions = try processor.store.suppressions(activeAt: now)
    } catch {
      processor.logger.error("cannot read suppressions", metadata: ["error": "\(error)"])
    }
    applyBaselineFeedback()
  }

  /// Applies `vigil baseline accept|lock|unlock` rows stored since the last look.
  private func applyBaselineFeedback() {
    guard configuration.baselines != nil, !stage.baselines.isEmpty else { return }
    do {
      let feedback = try processor.store.baselineFeedback(after: feedbackApplied)
      guard let last = feedback.last?.id else { return }
      feedbackApplied = last
      let changed = stage.withBaselines { baselines in
        BaselineFeedbackApplier.apply(feedback, stream: Self.baselineStream, to: &baselines[0])
      }
      // Feedback changes profiles without new observations: the next save writes them all.
      if changed > 0 { baselinesSaved.profilesThrough = nil }
      processor.logger.info(
        "baseline feedback applied",
        metadata: ["rows": "\(feedback.count)", "changed": "\(changed)"])
    } catch {
      processor.logger.error("cannot read baseline feedback", metadata: ["error": "\(error)"])
    }
  }

  private func releaseSummaries(_ now: Timestamp) {
    if let last = summariesAt, now < last.adding(configuration.summaryInterval) { return }
    summariesAt = now
    do {
      _ = try processor.store.releaseWindowSummaries(now: now)
    } catch {
      processor.logger.error("cannot release window summaries", metadata: ["error": "\(error)"])
    }
  }

  static func seconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}
