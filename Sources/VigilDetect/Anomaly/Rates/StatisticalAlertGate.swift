import VigilCore

/// Aggregates a detector's alerts per dedup key per window (default one hour): the first alert
/// of a window goes out at once; the repeats in the window are counted and the strongest of them
/// goes out once, with the count, when the window closes.
public struct StatisticalAlertGate: Sendable {
  private struct Window: Sendable {
    var closesAt: Timestamp
    var repeats = 0
    var held: Alert?
    var heldStrength = -Double.infinity
  }

  /// How long alerts with one dedup key aggregate after the first.
  public let window: Duration
  private var open: [String: Window] = [:]

  /// A gate with the given window.
  public init(window: Duration = .seconds(3600)) {
    self.window = window
  }

  /// Windows currently open.
  public var openCount: Int { open.count }

  /// `alert` when it opens a window; nil when it is a repeat (counted, and held when it is the
  /// strongest so far by `strength`).
  public mutating func admit(_ alert: Alert, strength: Double) -> Alert? {
    if let index = open.index(forKey: alert.dedupKey), alert.time < open.values[index].closesAt {
      open.values[index].repeats += alert.count
      if strength > open.values[index].heldStrength || open.values[index].held == nil {
        let first = open.values[index].held?.time ?? alert.time
        var held = alert
        held.time = min(first, alert.time)
        open.values[index].held = held
        open.values[index].heldStrength = strength
      } else if let held = open.values[index].held, alert.lastSeen > held.lastSeen {
        open.values[index].held?.lastSeen = alert.lastSeen
      }
      return nil
    }
    open[alert.dedupKey] = Window(closesAt: alert.time.adding(window))
    return alert
  }

  /// The aggregated repeats of every window closed by `now`, oldest first.
  public mutating func flush(upTo now: Timestamp) -> [Alert] {
    var out: [Alert] = []
    for (key, window) in open where window.closesAt <= now {
      open[key] = nil
      if var held = window.held {
        held.count = window.repeats
        out.append(held)
      }
    }
    return out.sorted { ($0.time, $0.dedupKey) < ($1.time, $1.dedupKey) }
  }
}
