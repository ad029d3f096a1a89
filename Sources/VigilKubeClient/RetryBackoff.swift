/// Jittered exponential backoff: each delay doubles up to a maximum, and is drawn uniformly from
/// its upper half so that many watchers restarting together spread out.
public struct RetryBackoff: Sendable {
  /// The first delay.
  public var initial: Duration
  /// The largest delay.
  public var maximum: Duration
  /// Consecutive failures since the last success.
  public private(set) var failures = 0

  /// Creates a backoff.
  public init(initial: Duration = .milliseconds(500), maximum: Duration = .seconds(30)) {
    self.initial = initial
    self.maximum = maximum
  }

  /// The delay before the next attempt, counting one more failure.
  public mutating func next() -> Duration {
    var generator = SystemRandomNumberGenerator()
    return next(using: &generator)
  }

  /// The delay before the next attempt, with jitter from `generator`.
  public mutating func next(using generator: inout some RandomNumberGenerator) -> Duration {
    let ceiling = ceiling(after: failures)
    failures += 1
    return ceiling * Double.random(in: 0.5...1, using: &generator)
  }

  /// Forgets past failures after a success.
  public mutating func reset() { failures = 0 }

  /// `initial · 2ⁿ`, at most `maximum`.
  private func ceiling(after failures: Int) -> Duration {
    var delay = initial
    for _ in 0..<min(failures, 62) {
      delay *= 2
      if delay >= maximum { return maximum }
    }
    return min(delay, maximum)
  }
}
