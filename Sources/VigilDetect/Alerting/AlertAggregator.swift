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
    let closesAt = alert.time.adding(configuration.window)
    if let index = open.index(forKey: alert.dedupKey) {
      if alert.time < open.values[index].closesAt {
        // Updated in place: no copy of the group (or of its alert's arrays) in and out.
        Self.merge(alert, into: &open.values[index].alert, maxEvidence: configuration.maxEvidence)
        return
      }
      // The window closed: the old group waits for the next flush, a new one takes its place.
      let group = Group(alert: alert, closesAt: closesAt, order: nextOrder)
      pending.append(open.values[index])
      open.values[index] = group
    } else {
      open[alert.dedupKey] = Group(alert: alert, closesAt: closesAt, order: nextOrder)
    }
    nextOrder += 1
    if earliestClose.map({ closesAt < $0 }) ?? true { earliestClose = closesAt }
  }

  private var pending: [Group] = []

  /// Counts one more occurrence, at `time`, of the group open under `key`; false when none is
  /// open then (the caller builds the alert and ``add(_:)``s it). Lets a detector skip building
  /// an alert for every repeat of a finding.
  public mutating func recordRepeat(key: String, at time: Timestamp, lastSeen: Timestamp? = nil)
    -> Bool
  {
    guard let index = open.index(forKey: key), time < open.values[index].closesAt else {
      return false
    }
    open.values[index].alert.count += 1
    let seen = lastSeen ?? time
    if seen > open.values[index].alert.lastSeen { open.values[index].alert.lastSeen = seen }
    return true
  }

  /// One more occurrence of `alert` folded into the open group's alert `into`.
  @inline(__always)
  private static func merge(_ alert: Alert, into group: inout Alert, maxEvidence: Int) {
    group.count += alert.count
    if alert.lastSeen > group.lastSeen { group.lastSeen = alert.lastSeen }
    let room = maxEvidence - group.evidence.count
    if room > 0 { group.evidence += alert.evidence.prefix(room) }
  }

  /// Releases the groups whose window closed at or before `now`, oldest first.
  public mutating func flush(upTo now: Timestamp) -> [Alert] {
    guard pending.isEmpty == false || (earliestClose.map { $0 <= now } ?? false) else { return [] }
    var released = pending
    pending = []
    var nextEarliest: Timestamp?
    // Keys first, removal after: removing while iterating would copy the whole dictionary (the
    // iteration holds its storage), and reading `closesAt` by index does not copy the group.
    var closedKeys: [String] = []
    var index = open.startIndex
    while index != open.endIndex {
      let closesAt = open.values[index].closesAt
      if closesAt <= now {
        closedKeys.append(open.keys[index])
      } else if nextEarliest.map({ closesAt < $0 }) ?? true {
        nextEarliest = closesAt
      }
      open.formIndex(after: &index)
    }
    for key in closedKeys {
      if let group = open.removeValue(forKey: key) { released.append(group) }
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
