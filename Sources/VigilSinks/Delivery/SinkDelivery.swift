import Logging
import Metrics
import Synchronization
import VigilCore
import VigilPipeline
import VigilStore

/// Delivers one sink's alerts from the ``Outbox``: in order, at least once. A delivered alert is
/// removed; a retryable failure reschedules it with exponential backoff and pauses the sink until
/// then (so later alerts do not overtake it); a permanent failure, or the last attempt, appends
/// it to the dead-letter file and removes it.
public final class SinkDelivery: Sendable {
  /// The pacing and retry settings.
  public let configuration: Configuration
  private let sender: any AlertSender
  private let outbox: any Outbox
  private let logger: Logger
  private let deadLetters: DeadLetterFile
  private let now: @Sendable () -> Timestamp
  private let random: @Sendable () -> Double
  private let deliveries: Counter
  private let failures: Counter
  private let deadLettered: Counter
  /// No round before this time: a retry is pending and must go first.
  private let pausedUntil = Mutex<Timestamp?>(nil)

  /// A delivery loop for one sink. `now` is the clock outbox times are compared with; `random`
  /// (in `0..<1`) picks each retry's jitter.
  public init(
    configuration: Configuration, sender: any AlertSender, outbox: any Outbox, logger: Logger,
    metricsFactory: any MetricsFactory,
    now: @escaping @Sendable () -> Timestamp = { Timestamp.now() },
    random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
  ) {
    self.configuration = configuration
    self.sender = sender
    self.outbox = outbox
    var logger = logger
    logger[metadataKey: "sink.name"] = "\(configuration.sink)"
    self.logger = logger
    self.deadLetters = DeadLetterFile(path: configuration.deadLetterPath)
    self.now = now
    self.random = random
    let dimensions = [("sink", configuration.sink)]
    deliveries = Counter(
      label: MetricName.sinkDeliveries, dimensions: dimensions, factory: metricsFactory)
    failures = Counter(
      label: MetricName.sinkFailures, dimensions: dimensions, factory: metricsFactory)
    deadLettered = Counter(
      label: MetricName.sinkDeadLetters, dimensions: dimensions, factory: metricsFactory)
  }

  /// Delivers until the task is cancelled, then returns: a round whenever alerts are due,
  /// otherwise a look every ``Configuration/pollInterval``.
  public func run() async throws {
    logger.debug("sink delivery started")
    while !Task.isCancelled {
      let round = await deliverDue()
      if round.fullBatch && !round.stopped { continue }
      do {
        try await Task.sleep(for: configuration.pollInterval)
      } catch {
        break
      }
    }
    logger.debug("sink delivery stopped")
  }

  /// Sends what is due until nothing is, a retry is pending, or `deadline` passes: for a
  /// graceful shutdown (call it from a task that is not cancelled). Returns the alerts settled
  /// (delivered or dead-lettered); what is left stays in the outbox for the next start.
  @discardableResult
  public func drain(deadline: ContinuousClock.Instant) async -> Int {
    var settled = 0
    while ContinuousClock.now < deadline {
      let round = await deliverDue(deadline: deadline)
      settled += round.settled
      if round.stopped || !round.fullBatch { break }
    }
    return settled
  }

  /// One round: up to ``Configuration/batchSize`` due alerts, sent in order.
  @discardableResult
  public func deliverDue(deadline: ContinuousClock.Instant? = nil) async -> Round {
    var round = Round()
    let start = now()
    if let paused = pausedUntil.withLock({ $0 }), start < paused {
      round.stopped = true
      return round
    }
    let items: [OutboxItem]
    do {
      items = try outbox.due(sink: configuration.sink, now: start, limit: configuration.batchSize)
    } catch {
      logger.error("cannot read the outbox", metadata: ["error": "\(error)"])
      round.stopped = true
      return round
    }
    round.fullBatch = items.count >= configuration.batchSize
    for item in items {
      if let deadline, ContinuousClock.now >= deadline {
        round.stopped = true
        break
      }
      guard await deliver(item, round: &round) else {
        round.stopped = true
        break
      }
    }
    return round
  }

  /// Sends one item and settles it; false when the round must stop.
  private func deliver(_ item: OutboxItem, round: inout Round) async -> Bool {
    var logger = logger
    logger[metadataKey: "alert.rule"] = "\(item.alert.rule)"
    logger[metadataKey: "delivery.id"] = "\(item.id)"
    do throws(SendError) {
      try await sender.send(item.alert, deliveryID: item.id)
    } catch {
      // A send cut short by cancellation says nothing about the destination.
      if Task.isCancelled { return false }
      failures.increment()
      round.failed += 1
      let attempts = item.attempts + 1
      if error.isRetryable && attempts < configuration.maxAttempts {
        let delay = configuration.backoff.delay(afterAttempts: attempts, random: random())
        logger.warning(
          "delivery failed, will retry",
          metadata: ["error": "\(error)", "attempts": "\(attempts)", "retry.in": "\(delay)"])
        return reschedule(item, attempts: attempts, after: delay, logger: logger)
      }
      return deadLetter(item, attempts: attempts, error: error, round: &round, logger: logger)
    }
    do {
      try outbox.remove([item.id])
    } catch {
      logger.error(
        "delivered but cannot remove from the outbox (it will be sent again)",
        metadata: ["error": "\(error)"])
      return false
    }
    deliveries.increment()
    round.delivered += 1
    logger.trace("delivered")
    return true
  }

  /// Writes a failed item to the dead-letter file and removes it; false when that failed (the
  /// item is then kept and retried after the longest backoff).
  private func deadLetter(
    _ item: OutboxItem, attempts: Int, error: SendError, round: inout Round, logger: Logger
  ) -> Bool {
    do {
      try deadLetters.append(
        sink: configuration.sink, attempts: attempts, error: error.description, alert: item.alert)
    } catch {
      logger.error(
        "cannot write the dead-letter file; keeping the alert",
        metadata: ["error": "\(error)", "path": "\(deadLetters.path)"])
      return reschedule(
        item, attempts: attempts, after: configuration.backoff.maximum, logger: logger)
    }
    logger.error(
      "delivery given up; alert written to the dead-letter file",
      metadata: ["error": "\(error)", "attempts": "\(attempts)", "path": "\(deadLetters.path)"])
    deadLettered.increment()
    round.deadLettered += 1
    do {
      try outbox.remove([item.id])
    } catch {
      logger.error("cannot remove from the outbox", metadata: ["error": "\(error)"])
      return false
    }
    return true
  }

  /// Records the attempt and pauses the sink until the retry; always false (the round stops).
  private func reschedule(
    _ item: OutboxItem, attempts: Int, after delay: Duration, logger: Logger
  ) -> Bool {
    let retryAt = now().adding(delay)
    do {
      try outbox.reschedule(item.id, attempts: attempts, notBefore: retryAt)
    } catch {
      logger.error("cannot reschedule in the outbox", metadata: ["error": "\(error)"])
    }
    pausedUntil.withLock { $0 = retryAt }
    return false
  }
}
