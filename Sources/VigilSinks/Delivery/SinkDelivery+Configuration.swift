import VigilPipeline

extension SinkDelivery {
  /// How one sink's deliveries are paced and retried.
  public struct Configuration: Sendable, Hashable {
    /// The sink's name (the outbox key and the metrics' `sink` dimension).
    public var sink: String
    /// Attempts before an alert goes to the dead-letter file.
    public var maxAttempts: Int
    /// The retry delays.
    public var backoff: RetryBackoff
    /// The dead-letter file.
    public var deadLetterPath: String
    /// How many due alerts one round takes from the outbox.
    public var batchSize: Int = 100
    /// How long an idle sink waits before looking at the outbox again.
    public var pollInterval: Duration = .milliseconds(100)

    /// The delivery settings of a sink; a missing dead-letter path becomes
    /// `<directory>/dead-letter-<name>.jsonl`.
    public init(_ sink: SinkConfiguration, directory: String = ".") {
      self.sink = sink.name
      maxAttempts = max(1, sink.maxAttempts)
      backoff = RetryBackoff(initial: sink.initialBackoff, maximum: sink.maxBackoff)
      deadLetterPath =
        sink.deadLetterPath ?? DeadLetterFile.defaultPath(directory: directory, sink: sink.name)
    }
  }

  /// What one round did.
  public struct Round: Sendable, Hashable {
    /// Alerts delivered.
    public var delivered = 0
    /// Attempts that failed.
    public var failed = 0
    /// Alerts written to the dead-letter file.
    public var deadLettered = 0
    /// True when the round took a full batch: more may be due.
    public var fullBatch = false
    /// True when the round stopped early (a retry is pending, the store failed, the deadline
    /// passed or the task was cancelled).
    public var stopped = false

    /// Alerts taken from the outbox (delivered or dead-lettered).
    public var settled: Int { delivered + deadLettered }
  }
}
