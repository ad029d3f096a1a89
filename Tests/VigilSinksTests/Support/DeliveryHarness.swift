import AsyncHTTPClient
import VigilCore
import VigilPipeline
import VigilStore

@testable import VigilSinks

/// A sink delivery over an in-memory outbox, a manual clock and recording metrics.
struct DeliveryHarness {
  let outbox = InMemoryOutbox()
  let clock = ManualClock()
  let metrics = RecordingMetrics()
  let configuration: SinkDelivery.Configuration
  let delivery: SinkDelivery

  /// A harness for `sender`, with retries of 100 ms doubling up to 1 s and no jitter.
  init(
    sender: any AlertSender, maxAttempts: Int = 8, directory: String,
    realClock: Bool = false, pollInterval: Duration = .milliseconds(100)
  ) {
    var sink = SinkConfiguration(name: "test-hook", kind: .webhook)
    sink.maxAttempts = maxAttempts
    sink.initialBackoff = .milliseconds(100)
    sink.maxBackoff = .seconds(1)
    var configuration = SinkDelivery.Configuration(sink, directory: directory)
    configuration.pollInterval = pollInterval
    self.configuration = configuration
    let manual = clock
    var now: @Sendable () -> Timestamp = { manual.now() }
    if realClock { now = { Timestamp.now() } }
    delivery = SinkDelivery(
      configuration: configuration, sender: sender, outbox: outbox,
      logger: SinkFixtures.logger, metricsFactory: metrics, now: now, random: { 0.5 })
  }

  /// Queues alerts for the sink at the clock's time.
  func enqueue(_ alerts: [Alert], now: Timestamp? = nil) throws {
    try outbox.enqueue(alerts, sinks: [configuration.sink], now: now ?? clock.now())
  }

  /// The items waiting (due or not).
  var waiting: [OutboxItem] {
    (try? outbox.due(
      sink: configuration.sink, now: Timestamp(nanoseconds: .max), limit: 1000)) ?? []
  }

  /// A counter of this sink.
  func counter(_ label: String) -> Int64 {
    metrics.counter(label, [("sink", configuration.sink)])
  }
}
