import VigilCore

/// The connections a tracker emitted and still remembers, to absorb their later events (the
/// counter reply, the DESTROY after TIME_WAIT). Kept by conntrack id, 24 bytes or so an entry,
/// since a busy node closes thousands of connections a second and remembers them for minutes;
/// entries without an id (never seen from this kernel) fall back to the five-tuple.
struct ConntrackClosedFlows: Sendable {
  private var byID: [UInt32: UInt64] = [:]
  private var byKey: [ConntrackFlowTracker.Key: UInt64] = [:]
  private var idOrder = FIFOQueue<(id: UInt32, serial: UInt64, at: Int64)>()
  /// Ids kept for the shorter retention (``insert(key:id:serial:at:briefly:)``).
  private var briefOrder = FIFOQueue<(id: UInt32, serial: UInt64, at: Int64)>()
  private var keyOrder = FIFOQueue<(key: ConntrackFlowTracker.Key, serial: UInt64, at: Int64)>()

  /// Connections remembered.
  var count: Int { byID.count + byKey.count }

  /// The ids remembered.
  var ids: [UInt32] { Array(byID.keys) }

  /// Whether the connection with `id` (else `key`) was emitted.
  func contains(key: ConntrackFlowTracker.Key, id: UInt32?) -> Bool {
    if let id { return byID[id] != nil }
    return byKey[key] != nil
  }

  /// Forgets the connection with `id` (else `key`).
  mutating func remove(key: ConntrackFlowTracker.Key, id: UInt32?) {
    if let id { byID[id] = nil } else { byKey[key] = nil }
  }

  /// Remembers a connection emitted at `time`; `briefly`: only until the shorter horizon of
  /// ``forget(before:briefBefore:)`` (entries without an id are kept the full retention).
  mutating func insert(
    key: ConntrackFlowTracker.Key, id: UInt32?, serial: UInt64, at time: Timestamp,
    briefly: Bool = false
  ) {
    if let id {
      byID[id] = serial
      if briefly {
        briefOrder.append((id, serial, time.nanoseconds))
      } else {
        idOrder.append((id, serial, time.nanoseconds))
      }
    } else {
      byKey[key] = serial
      keyOrder.append((key, serial, time.nanoseconds))
    }
  }

  /// Forgets the oldest remembered connection; false when none is left.
  mutating func dropOldest() -> Bool {
    if let briefFirst = briefOrder.first,
      idOrder.first.map({ briefFirst.at <= $0.at }) ?? true,
      keyOrder.first.map({ briefFirst.at <= $0.at }) ?? true
    {
      _ = briefOrder.popFirst()
      if byID[briefFirst.id] == briefFirst.serial { byID[briefFirst.id] = nil }
      return true
    }
    let idFirst = idOrder.first
    let keyFirst = keyOrder.first
    if let idFirst, keyFirst.map({ idFirst.at <= $0.at }) ?? true {
      _ = idOrder.popFirst()
      if byID[idFirst.id] == idFirst.serial { byID[idFirst.id] = nil }
      return true
    }
    if let keyFirst {
      _ = keyOrder.popFirst()
      if byKey[keyFirst.key] == keyFirst.serial { byKey[keyFirst.key] = nil }
      return true
    }
    return false
  }

  /// Forgets connections emitted before `horizon` (those kept briefly: before
  /// `briefHorizon`).
  mutating func forget(before horizon: Timestamp, briefBefore briefHorizon: Timestamp) {
    let briefLimit = briefHorizon.nanoseconds
    while let first = briefOrder.first, first.at <= briefLimit {
      _ = briefOrder.popFirst()
      if byID[first.id] == first.serial { byID[first.id] = nil }
    }
    let limit = horizon.nanoseconds
    while let first = idOrder.first, first.at <= limit {
      _ = idOrder.popFirst()
      if byID[first.id] == first.serial { byID[first.id] = nil }
    }
    while let first = keyOrder.first, first.at <= limit {
      _ = keyOrder.popFirst()
      if byKey[first.key] == first.serial { byKey[first.key] = nil }
    }
  }
}
