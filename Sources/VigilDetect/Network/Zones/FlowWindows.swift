import VigilCore
import VigilNet

/// The flows of one key (a source and destination, a workload and host …) within one window:
/// the first flow as the example, and counts over all of them.
public struct FlowWindowGroup: Sendable {
  /// The flow that opened the window.
  public var first: AttributedFlow
  /// Flows in the window.
  public var count: Int
  /// Of them, how many were established.
  public var established: Int
  /// Bytes sent by the sources (where counted).
  public var bytesOut: UInt64
  /// Bytes sent back (where counted).
  public var bytesIn: UInt64
  /// The latest flow end.
  public var lastSeen: Timestamp
  /// Distinct destination ports, in order seen (at most ``FlowWindows/maxPorts``).
  public var ports: [UInt16]
  /// Distinct source addresses, in order seen (at most ``FlowWindows/maxPorts``).
  public var sources: [String]
  /// What the detector noted when the window opened (a host from the payload, …).
  public var detail: String?
  /// When the window closes.
  var closesAt: Timestamp
  /// Opening order, for stable output.
  var order: Int

  init(_ flow: AttributedFlow, closesAt: Timestamp, order: Int, detail: String?) {
    first = flow
    sources = []
    self.detail = detail
    count = 0
    established = 0
    bytesOut = 0
    bytesIn = 0
    lastSeen = flow.flow.end
    ports = []
    self.closesAt = closesAt
    self.order = order
    add(flow)
  }

  mutating func add(_ flow: AttributedFlow) {
    let record = flow.flow
    count &+= 1
    if record.outcome == .established { established &+= 1 }
    bytesOut &+= record.bytesOut ?? 0
    bytesIn &+= record.bytesIn ?? 0
    if record.end > lastSeen { lastSeen = record.end }
    if ports.count < FlowWindows<Int>.maxPorts, !ports.contains(record.destinationPort) {
      ports.append(record.destinationPort)
    }
    if sources.count < FlowWindows<Int>.maxPorts, !sources.contains(record.sourceIP) {
      sources.append(record.sourceIP)
    }
  }
}

/// Folds the flows of each key into one group per window (opened by the key's first flow, closed
/// `window` after its start), so a detector raises one alert per key per window with a count
/// instead of one per flow. Time comes from the flows (their ends) and from `release(upTo:)`.
/// At most `maxOpen` groups are open; past that the oldest is released early.
public struct FlowWindows<Key: Hashable & Sendable>: Sendable {
  /// Distinct ports (and source addresses) kept per group.
  public static var maxPorts: Int { 16 }

  /// How long a window stays open after its first flow starts.
  public let window: Duration
  /// Most groups open at once.
  public let maxOpen: Int
  var open: [Key: FlowWindowGroup] = [:]
  var earliestClose: Timestamp?
  var nextOrder = 0
  /// Groups released early because too many were open.
  public private(set) var releasedEarly = 0

  /// Creates empty windows.
  public init(window: Duration, maxOpen: Int = 10_000) {
    self.window = window
    self.maxOpen = max(1, maxOpen)
  }

  /// Groups open.
  public var openCount: Int { open.count }

  /// A group whose window closed, with its key.
  public struct Released: Sendable {
    /// The key.
    public var key: Key
    /// The flows' counts.
    public var group: FlowWindowGroup
  }

  /// Adds `flow` under `key`; returns groups released by it (the key's previous window when this
  /// flow starts after it closed, the oldest group when too many are open).
  public mutating func add(_ key: Key, _ flow: AttributedFlow, detail: String? = nil)
    -> [Released]
  {
    let start = flow.flow.start
    if let index = open.index(forKey: key) {
      if start < open.values[index].closesAt {
        open.values[index].add(flow)
        return []
      }
      let closed = open.values[index]
      open.values[index] = openGroup(flow, detail: detail)
      return [Released(key: key, group: closed)]
    }
    var released: [Released] = []
    if open.count >= maxOpen {
      released = release(upTo: flow.flow.end)
      if open.count >= maxOpen, let oldest = open.min(by: { $0.value.order < $1.value.order }) {
        open.removeValue(forKey: oldest.key)
        released.append(Released(key: oldest.key, group: oldest.value))
        releasedEarly &+= 1
      }
    }
    open[key] = openGroup(flow, detail: detail)
    return released
  }

  mutating func openGroup(_ flow: AttributedFlow, detail: String?) -> FlowWindowGroup {
    let closesAt = flow.flow.start.adding(window)
    if earliestClose.map({ closesAt < $0 }) ?? true { earliestClose = closesAt }
    nextOrder &+= 1
    return FlowWindowGroup(flow, closesAt: closesAt, order: nextOrder, detail: detail)
  }

  /// Releases the groups whose window closed at or before `now`, in opening order.
  public mutating func release(upTo now: Timestamp) -> [Released] {
    guard let earliest = earliestClose, earliest <= now else { return [] }
    var closedKeys: [Key] = []
    var nextEarliest: Timestamp?
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
    earliestClose = nextEarliest
    var released: [Released] = []
    released.reserveCapacity(closedKeys.count)
    for key in closedKeys {
      if let group = open.removeValue(forKey: key) {
        released.append(Released(key: key, group: group))
      }
    }
    return released.sorted { $0.group.order < $1.group.order }
  }

  /// Releases every open group (end of input), in opening order.
  public mutating func releaseAll() -> [Released] {
    let released = open.map { Released(key: $0.key, group: $0.value) }
      .sorted { $0.group.order < $1.group.order }
    open = [:]
    earliestClose = nil
    return released
  }
}
