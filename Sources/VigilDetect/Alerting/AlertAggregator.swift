import VigilCore

/// Folds identical alerts (same dedup key) within a window into one alert with a count, so a
/// repeated finding is reported once instead of flooding (DESIGN.md: "repeated alerts aggregate").
///
/// Pure state with the time passed in: `add` collects, `flush(upTo:)` releases the groups whose
/// window has closed, `finish()` releases the rest at the end of the input.
public struct AlertAggregator: Sendable {
  /// How aggregation behaves.
  public struct Configuration: Sendable {
    /// Alerts with the same dedup key within this long of the first one become one alert.
    public var window: Duration = .seconds(300)
    /// How many evidence events an aggregated alert keeps.
    public var maxEvidence: Int = 5
    /// Creates the default configuration.
    public init() {}
  }

  private struct Group: Sendable {
    var alert: Alert
    var closesAt: Timestamp
    var order: Int
  }

  /// The configuration in force.
  public let configuration: Configuration
  private var open: [String: Group] = [:]
  private var nextOrder = 0
  private var earliestClose: Timestamp?

  /// Creates an aggregator.
  public init(configuration: Configuration = .init()) {
    self.configuration = configuration
  }

  /// Number of groups still open.
  public var openCount: Int { open.count }

  /// Adds an alert: a new group, or one more occurrence of an open group.
  public mutating func add(_ alert: Alert) {
    if var group = open[alert.dedupKey], alert.time < group.closesAt {
      group.alert.count += alert.count
      if alert.lastSeen > group.alert.lastSeen { group.alert.lastSeen = alert.lastSeen }
      let room = configuration.maxEvidence - group.alert.evidence.count
      if room > 0 { group.alert.evidence += alert.evidence.prefix(room) }
      open[alert.dedupKey] = group
      return
    }
    if let closed = open[alert.dedupKey] { pending.append(closed) }
    let closesAt = alert.time.adding(configuration.window)
    open[alert.dedupKey] = Group(alert: alert, closesAt: closesAt, order: nextOrder)
    nextOrder += 1
    if earliestClose.map({ closesAt < $0 }) ?? true { earliestClose = closesAt }
  }

  private var pending: [Group] = []

  /// Releases the groups whose window closed at or before `now`, oldest first.
  public mutating func flush(upTo now: Timestamp) -> [Alert] {
    guard pending.isEmpty == false || (earliestClose.map { $0 <= now } ?? false) else { return [] }
    var released = pending
    pending = []
    var nextEarliest: Timestamp?
    for (key, group) in open {
      if group.closesAt <= now {
        released.append(group)
        open[key] = nil
      } else if nextEarliest.map({ group.closesAt < $0 }) ?? true {
        nextEarliest = group.closesAt
      }
    }
    earliestClose = nextEarliest
    return released.sorted { $0.order < $1.order }.map(\.alert)
  }

  /// Releases every group, at the end of the input.
  public mutating func finish() -> [Alert] {
    let released = pending + open.values
    pending = []
    open = [:]
    earliestClose = nil
    return released.sorted { $0.order < $1.order }.map(\.alert)
  }
}
