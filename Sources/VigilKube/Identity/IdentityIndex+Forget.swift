import VigilCore

/// Bounding the history.
extension IdentityIndex {
  /// Forgets intervals that ended before `cutoff` and the holders left without any, so that a
  /// long-running index stays the size of the live cluster plus the history kept. Lookups of
  /// times before `cutoff` then classify the address by range.
  public mutating func forget(before cutoff: Timestamp) {
    let limit = cutoff.nanoseconds
    var holderMap = [Int32](repeating: -1, count: holders.count)
    var keptHolders: [IdentityHolder] = []
    func keep(_ old: Int32) -> Int32 {
      if holderMap[Int(old)] < 0 {
        holderMap[Int(old)] = Int32(keptHolders.count)
        keptHolders.append(holders[Int(old)])
      }
      return holderMap[Int(old)]
    }
    for entry in live.values { _ = keep(entry.holder) }
    var intervalMap = [Int32](repeating: -1, count: intervals.count)
    var keptIntervals: [Interval] = []
    var keptAddresses: [IPAddress] = []
    var table = AddressTable()
    // Intervals are in the order they were opened, so each one's predecessors come first.
    for i in intervals.indices where intervals[i].end > limit {
      let interval = intervals[i]
      var previous = interval.previous
      while previous >= 0, intervalMap[Int(previous)] < 0 {
        previous = intervals[Int(previous)].previous
      }
      let index = Int32(keptIntervals.count)
      intervalMap[i] = index
      keptIntervals.append(
        Interval(
          start: interval.start, end: interval.end, holder: keep(interval.holder),
          previous: previous >= 0 ? intervalMap[Int(previous)] : -1))
      keptAddresses.append(addressByInterval[i])
      table.set(addressByInterval[i], index)
    }
    for (key, entry) in live {
      live[key] = (holderMap[Int(entry.holder)], entry.open.map { intervalMap[Int($0)] })
    }
    holders = keptHolders
    intervals = keptIntervals
    addressByInterval = keptAddresses
    latest = table
  }

  /// Number of intervals held (a measure of the history kept).
  public var intervalCount: Int { intervals.count }
}
