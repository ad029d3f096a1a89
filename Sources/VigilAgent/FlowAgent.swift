import Logging
import Metrics
import Synchronization
import VigilCore
import VigilNet

/// The agent's delivery half: flow records handed in by the readers are batched, written to the
/// disk spool, and shipped in order, each batch deleted only after the server acknowledged it.
/// While the server is away batches accumulate on disk (bounded by the spool) and go out, oldest
/// first, when it returns; a restart resumes from the spool.
///
/// ``submit(_:)`` may be called from any thread; ``run()`` is the shipping loop.
public final class FlowAgent: Sendable {
  /// Batching and retry settings.
  public struct Configuration: Sendable {
    /// This node's name, sent with every batch.
    public var node: String
    /// A batch is written to the spool when it holds this many records…
    public var batchSize = 5_000
    /// …or when its oldest record has waited this long.
    public var flushInterval: Duration = .seconds(1)
    /// First wait after a failed send; doubles up to ``maxBackoff``.
    public var minBackoff: Duration = .milliseconds(200)
    /// Longest wait between attempts.
    public var maxBackoff: Duration = .seconds(30)

    /// Creates a configuration for `node`.
    public init(node: String) { self.node = node }
  }

  private struct State: ~Copyable {
    var pending: [FlowRecord] = []
    var spool: FlowSpool
    var droppedReported = 0
  }

  /// The settings.
  public let configuration: Configuration
  private let state: Mutex<State>
  private let shipper: FlowShipper
  private let logger: Logger
  private let spoolID: String
  private let flowsCounter: Counter
  private let spooledCounter: Counter
  private let shippedCounter: Counter
  private let spoolFullCounter: Counter
  private let rejectedCounter: Counter
  private let spoolErrorCounter: Counter
  private let failuresCounter: Counter
  private let spoolRecordsGauge: Gauge
  private let spoolBytesGauge: Gauge

  /// Creates the agent over an opened spool; it owns the spool from now on.
  public init(
    configuration: Configuration, spool: sending FlowSpool, shipper: FlowShipper,
    logger: Logger, metrics: any MetricsFactory
  ) {
    self.configuration = configuration
    self.spoolID = spool.agentID
    self.shipper = shipper
    self.logger = logger
    flowsCounter = Counter(label: AgentMetricName.flows, factory: metrics)
    spooledCounter = Counter(label: AgentMetricName.spooled, factory: metrics)
    shippedCounter = Counter(label: AgentMetricName.shipped, factory: metrics)
    spoolFullCounter = Counter(
      label: AgentMetricName.dropped, dimensions: [("reason", "spool-full")], factory: metrics)
    rejectedCounter = Counter(
      label: AgentMetricName.dropped, dimensions: [("reason", "rejected")], factory: metrics)
    spoolErrorCounter = Counter(
      label: AgentMetricName.dropped, dimensions: [("reason", "spool-error")], factory: metrics)
    failuresCounter = Counter(label: AgentMetricName.shipFailures, factory: metrics)
    spoolRecordsGauge = Gauge(label: AgentMetricName.spoolRecords, factory: metrics)
    spoolBytesGauge = Gauge(label: AgentMetricName.spoolBytes, factory: metrics)
    let unreadable = spool.unreadableFiles
    state = Mutex(State(spool: spool))
    if unreadable > 0 {
      logger.warning("unreadable spool files moved aside", metadata: ["count": "\(unreadable)"])
    }
    updateGauges()
  }

  /// Hands records to the agent; a full batch is written to the spool at once.
  public func submit(_ records: [FlowRecord]) {
    guard !records.isEmpty else { return }
    flowsCounter.increment(by: Int64(records.count))
    let full = state.withLock { state -> [FlowRecord]? in
      state.pending.append(contentsOf: records)
      guard state.pending.count >= configuration.batchSize else { return nil }
      defer { state.pending.removeAll(keepingCapacity: true) }
      return state.pending
    }
    if let full { spool(full) }
  }

  /// Records spooled and not yet acknowledged, plus those waiting for the next batch.
  public var backlog: (spooled: Int, pending: Int) {
    state.withLock { ($0.spool.spooledRecords, $0.pending.count) }
  }

  /// Writes the pending records to the spool now.
  public func flush() {
    let batch = state.withLock { state -> [FlowRecord] in
      defer { state.pending.removeAll(keepingCapacity: true) }
      return state.pending
    }
    spool(batch)
  }

  /// Ships until cancelled: flushes every ``Configuration/flushInterval``, sends the oldest batch
  /// when there is one, and backs off (doubling) while the server fails. On cancellation the
  /// pending records are flushed to the spool, so the next run ships them.
  public func run() async {
    var backoff = configuration.minBackoff
    var lastFlush = ContinuousClock.now
    while !Task.isCancelled {
      if ContinuousClock.now - lastFlush >= configuration.flushInterval {
        flush()
        lastFlush = ContinuousClock.now
      }
      guard let (segment, body) = state.withLock({ $0.spool.oldest() }) else {
        try? await Task.sleep(for: min(configuration.flushInterval, .milliseconds(250)))
        continue
      }
      let result = await shipper.send(
        body: body, agentID: spoolID, sequence: segment.sequence, records: segment.records,
        node: configuration.node)
      switch result {
      case .delivered:
        state.withLock { $0.spool.remove(segment) }
        shippedCounter.increment(by: Int64(segment.records))
        backoff = configuration.minBackoff
      case .rejected(let reason):
        state.withLock { $0.spool.remove(segment) }
        rejectedCounter.increment(by: Int64(segment.records))
        logger.error(
          "the server rejected a flow batch; dropped",
          metadata: ["batch": "\(segment.sequence)", "reason": "\(reason)"])
      case .retry(let reason):
        failuresCounter.increment()
        logger.warning(
          "cannot ship flows; kept in the spool",
          metadata: [
            "batch": "\(segment.sequence)", "reason": "\(reason)",
            "retry.in": "\(backoff)",
          ])
        try? await Task.sleep(for: backoff)
        backoff = min(backoff * 2, configuration.maxBackoff)
      }
      updateGauges()
    }
    flush()
    updateGauges()
  }

  private func spool(_ batch: [FlowRecord]) {
    guard !batch.isEmpty else { return }
    do {
      let dropped = try state.withLock { state -> Int in
        try state.spool.append(batch)
        let newly = state.spool.droppedRecords - state.droppedReported
        state.droppedReported = state.spool.droppedRecords
        return newly
      }
      spooledCounter.increment(by: Int64(batch.count))
      if dropped > 0 {
        spoolFullCounter.increment(by: Int64(dropped))
        logger.warning(
          "the spool is full; oldest flows dropped", metadata: ["records": "\(dropped)"])
      }
    } catch {
      spoolErrorCounter.increment(by: Int64(batch.count))
      logger.error("cannot write the spool; flows dropped", metadata: ["error": "\(error)"])
    }
    updateGauges()
  }

  private func updateGauges() {
    let (records, bytes) = state.withLock { ($0.spool.spooledRecords, $0.spool.spooledBytes) }
    spoolRecordsGauge.record(records)
    spoolBytesGauge.record(bytes)
  }
}
