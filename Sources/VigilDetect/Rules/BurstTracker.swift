import VigilCore

/// Counts matching events per key in a sliding window and says when a burst starts, so a burst of
/// failed requests is reported once, with its count, instead of once per request.
///
/// A burst starts when `threshold` events with the same key fall within `window`; it lasts while
/// events keep coming closer than `window` apart; after a quiet `window` the key starts over.
public struct BurstTracker: Sendable {
  /// What `record` observed.
  public enum Outcome: Sendable, Equatable {
    /// Below the threshold: nothing to report yet.
    case counting
    /// The threshold was just reached: report a burst of `count` events that began at `start`.
    case started(count: Int, start: Timestamp)
    /// One more event in a burst already reported.
    case continuing
  }

  private struct State: Sendable {
    var times: [Timestamp] = []
    var head = 0
    var inBurst = false
    var last: Timestamp
  }

  /// Events needed within the window.
  public let threshold: Int
  /// The window.
  public let window: Duration
  private var states: [String: State] = [:]
  private var lastSweep: Timestamp?

  /// Creates a tracker.
  public init(threshold: Int, window: Duration) {
    self.threshold = max(1, threshold)
    self.window = window
  }

  /// Number of keys currently tracked.
  public var trackedKeys: Int { states.count }

  /// Records one matching event for `key` at `time`.
  public mutating func record(key: String, at time: Timestamp) -> Outcome {
    sweep(now: time)
    var state = states[key] ?? State(last: time)
    if state.inBurst, time.since(state.last) > window { state = State(last: time) }
    state.last = max(state.last, time)
    if state.inBurst {
      states[key] = state
      return .continuing
    }
    state.times.append(time)
    let windowStart = time.adding(.zero - window)
    while state.head < state.times.count, state.times[state.head] < windowStart { state.head += 1 }
    if state.head > 64, state.head * 2 > state.times.count {
      state.times.removeFirst(state.head)
      state.head = 0
    }
    let inWindow = state.times.count - state.head
    if inWindow >= threshold {
      let start = state.times[state.head]
      state.inBurst = true
      state.times = []
      state.head = 0
      states[key] = state
      return .started(count: inWindow, start: start)
    }
    states[key] = state
    return .counting
  }

  /// Forgets keys quiet for longer than the window (bounded memory on long streams).
  private mutating func sweep(now: Timestamp) {
    if let lastSweep, now.since(lastSweep) < window { return }
    lastSweep = now
    let cutoff = now.adding(.zero - window)
    states = states.filter { $0.value.last >= cutoff }
  }
}
