import Metrics
import Synchronization

/// A `MetricsFactory` that keeps counter values in memory, keyed by label and dimensions, so
/// tests read them without bootstrapping the global metrics system.
final class RecordingMetrics: MetricsFactory {
  private let values = Mutex<[String: Int64]>([:])

  /// The value of a counter (0 when never incremented).
  func counter(_ label: String, _ dimensions: [(String, String)] = []) -> Int64 {
    values.withLock { $0[Self.key(label, dimensions)] ?? 0 }
  }

  static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
    ([label] + dimensions.map { "\($0.0)=\($0.1)" }).joined(separator: ",")
  }

  func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
    RecordingCounter(key: Self.key(label, dimensions), values: self)
  }

  func add(_ amount: Int64, to key: String) {
    values.withLock { $0[key, default: 0] += amount }
  }

  func reset(_ key: String) {
    values.withLock { $0[key] = 0 }
  }

  func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool)
    -> any RecorderHandler
  { NOOPMetricsHandler.instance }

  func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
    NOOPMetricsHandler.instance
  }

  func destroyCounter(_ handler: any CounterHandler) {}
  func destroyRecorder(_ handler: any RecorderHandler) {}
  func destroyTimer(_ handler: any TimerHandler) {}
}

/// One recorded counter.
private final class RecordingCounter: CounterHandler {
  let key: String
  let values: RecordingMetrics

  init(key: String, values: RecordingMetrics) {
    self.key = key
    self.values = values
  }

  func increment(by amount: Int64) { values.add(amount, to: key) }
  func reset() { values.reset(key) }
}
