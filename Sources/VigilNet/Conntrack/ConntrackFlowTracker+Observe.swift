import VigilCore

extension ConntrackFlowTracker {
  /// Feeds one event (or dump/get entry) seen at `now`; returns the record it finished and the
  /// counters to fetch, if any.
  public mutating func observe(_ event: ConntrackEvent, at now: Timestamp) -> Step {
    statistics.events += 1
    let key = Key(tuple: event.original, zone: event.zone ?? 0)
    if !earlierEmitted.isEmpty, event.kind != .new, !Self.isTimeWaitUpdate(event),
      open[key] == nil, !closed.contains(key: key, id: event.id),
      let id = event.id, earlierEmitted.contains(id)
    {
      // Emitted by the agent's previous run (listed again by the start-up dump).
      if event.kind == .destroy { earlierEmitted.remove(id) }
      statistics.absorbed += 1
      return Step()
    }
    switch event.kind {
    case .destroy:
      return Step(record: destroy(event, key: key, at: now))
    case .new:
      var step = Step()
      if let old = open[key], !Self.sameEntry(old.id, event.id) {
        // A new entry on the tuple of one whose DESTROY was missed: finish the old one.
        step.record = finish(key: key, flow: old, end: old.end)
      }
      if open[key] == nil { insert(event, key: key, at: now) }
      return step
    case .update, .dump:
      // The flow is changed as a local value and written back once (each dictionary access
      // hashes the key again).
      guard var flow = open[key] else {
        if !Self.isTimeWaitUpdate(event), closed.contains(key: key, id: event.id) {
          statistics.absorbed += 1
          return Step()
        }
        nextSerial += 1
        var flow = Self.flow(from: event, serial: nextSerial, at: now)
        if event.kind == .dump, event.original.proto == 6, flow.tcpState?.isClosed == true {
          // Listed already closed (start-up dump): the counters are here, emit it now.
          return Step(record: finish(key: key, flow: flow, end: now, wasOpen: false))
        }
        let step = closeIfDone(key: key, flow: &flow, at: now, event: event)
        insert(flow, key: key)
        return step
      }
      if !Self.sameEntry(flow.id, event.id) {
        let record = finish(key: key, flow: flow, end: flow.end)
        insert(event, key: key, at: now)
        return Step(record: record)
      }
      Self.merge(event, into: &flow, at: now)
      if flow.closing, event.kind == .dump {
        // The counters asked for when it closed.
        return Step(record: finish(key: key, flow: flow, end: flow.end))
      }
      let step = closeIfDone(key: key, flow: &flow, at: now, event: event)
      open[key] = flow
      return step
    }
  }

  /// Emits closed TCP connections whose counters did not arrive by `now`, and forgets emitted
  /// connections older than `closedRetention`. Call it when `nextDeadline` passes (or every
  /// second or so).
  public mutating func expire(at now: Timestamp) -> [FlowRecord] {
    var records: [FlowRecord] = []
    while let (key, serial, deadline) = deadlines.first, deadline <= now {
      _ = deadlines.popFirst()
      guard let flow = open[key], flow.serial == serial, flow.closing else { continue }
      statistics.emittedWithoutCounters += 1
      records.append(finish(key: key, flow: flow, end: flow.end))
    }
    if !earlierEmitted.isEmpty && now > earlierEmittedUntil { earlierEmitted = [] }
    let horizon = now.adding(.zero - configuration.closedRetention)
    let briefHorizon = configuration.timeWaitRetention.map { now.adding(.zero - $0) } ?? horizon
    closed.forget(before: horizon, briefBefore: briefHorizon)
    return records
  }

  /// An UPDATE to TIME_WAIT, which an entry sends once: one that matches an emitted connection
  /// (id and tuple) is a new entry in the memory of the old one, gone without a DESTROY seen
  /// (the socket's filter drops TIME_WAIT DESTROYs), so it is never absorbed.
  static func isTimeWaitUpdate(_ event: ConntrackEvent) -> Bool {
    event.kind == .update && event.tcpState == .timeWait
  }

  /// True unless both ids are known and differ.
  static func sameEntry(_ a: UInt32?, _ b: UInt32?) -> Bool {
    guard let a, let b else { return true }
    return a == b
  }

  private mutating func destroy(_ event: ConntrackEvent, key: Key, at now: Timestamp)
    -> FlowRecord?
  {
    if closed.contains(key: key, id: event.id) {
      closed.remove(key: key, id: event.id)
      statistics.absorbed += 1
      return nil
    }
    let end = event.stop ?? now
    if var flow = open[key], Self.sameEntry(flow.id, event.id) {
      Self.merge(event, into: &flow, at: end)
      return finish(key: key, flow: flow, end: end, remember: false)
    }
    // Never seen open (started before the agent, or dropped at the limit): emit what it says.
    var flow = Self.flow(from: event, serial: 0, at: now)
    flow.end = end
    statistics.emitted += 1
    return record(key: key, flow: flow, end: end)
  }

  /// Marks `flow`, a TCP connection that reached TIME_WAIT/CLOSE, as closing and asks for its
  /// counters (the caller stores `flow` under `key`).
  private mutating func closeIfDone(
    key: Key, flow: inout Flow, at now: Timestamp, event: ConntrackEvent
  ) -> Step {
    guard key.tuple.proto == 6, !flow.closing, flow.tcpState?.isClosed == true else {
      return Step()
    }
    flow.closing = true
    flow.end = now
    deadlines.append((key, flow.serial, now.adding(configuration.counterWait)))
    statistics.fetches += 1
    return Step(fetch: CounterFetch(tuple: key.tuple, zone: event.zone))
  }

  private mutating func insert(_ event: ConntrackEvent, key: Key, at now: Timestamp) {
    nextSerial += 1
    insert(Self.flow(from: event, serial: nextSerial, at: now), key: key)
  }

  /// Stores a new flow (its serial fresh from `nextSerial`), evicting the oldest at the limit.
  private mutating func insert(_ flow: Flow, key: Key) {
    while open.count >= configuration.maxOpenFlows, let (oldKey, serial) = openOrder.popFirst() {
      if open[oldKey]?.serial == serial {
        open[oldKey] = nil
        statistics.evicted += 1
      }
    }
    open[key] = flow
    openOrder.append((key, flow.serial))
    if openOrder.count > 2 * open.count + 4096 {
      let live = open
      openOrder.retain { live[$0.0]?.serial == $0.1 }
    }
  }

  /// Removes the flow (when `wasOpen`), remembers it to absorb its DESTROY (unless this is the
  /// DESTROY), and returns its record.
  private mutating func finish(
    key: Key, flow: Flow, end: Timestamp, remember: Bool = true, wasOpen: Bool = true
  ) -> FlowRecord {
    if wasOpen { open[key] = nil }
    if remember {
      while closed.count >= configuration.maxClosedFlows, closed.dropOldest() {
        statistics.forgotten += 1
      }
      closed.insert(
        key: key, id: flow.id, serial: flow.serial, at: end,
        briefly: configuration.timeWaitRetention != nil && flow.tcpState == .timeWait)
    }
    statistics.emitted += 1
    return record(key: key, flow: flow, end: end)
  }
}
