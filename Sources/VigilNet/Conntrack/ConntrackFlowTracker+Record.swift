import VigilCore

extension ConntrackFlowTracker {
  /// A new open flow from the first event seen for it.
  static func flow(from event: ConntrackEvent, serial: UInt64, at now: Timestamp) -> Flow {
    var flow = Flow(
      id: event.id, serial: serial, start: event.start ?? now, end: now, status: [],
      tcpState: nil, wasEstablished: false, sawFin: false, originalCounters: nil,
      replyCounters: nil, closing: false)
    merge(event, into: &flow, at: now)
    return flow
  }

  /// Folds what `event` says into `flow`.
  static func merge(_ event: ConntrackEvent, into flow: inout Flow, at now: Timestamp) {
    if flow.id == nil { flow.id = event.id }
    if let status = event.status { flow.status.formUnion(status) }
    if let state = event.tcpState {
      flow.tcpState = state
      switch state {
      case .established: flow.wasEstablished = true
      case .finWait, .closeWait, .lastAck, .timeWait: flow.sawFin = true
      default: break
      }
    }
    if event.tcpCloseInitiated == true { flow.sawFin = true }
    if flow.status.contains(.assured) { flow.wasEstablished = true }
    if let counters = event.originalCounters { flow.originalCounters = counters }
    if let counters = event.replyCounters { flow.replyCounters = counters }
    if let start = event.start, start < flow.start { flow.start = start }
    if !flow.closing { flow.end = max(flow.end, now) }
  }

  /// How the connection went, from what was seen of it.
  static func outcome(proto: UInt8, flow: Flow) -> FlowRecord.Outcome {
    let replied = flow.status.contains(.seenReply)
    guard proto == 6 else { return replied ? .established : .unreplied }
    if flow.wasEstablished || flow.sawFin {
      return flow.tcpState == .close && !flow.sawFin ? .reset : .established
    }
    if replied { return flow.tcpState == .close ? .reset : .established }
    // Never a reply as conntrack counts them: a RST to the SYN shows as CLOSE or as a reply
    // packet on an unreplied entry.
    if flow.tcpState == .close || (flow.replyCounters?.packets ?? 0) > 0 { return .refused }
    return .unreplied
  }

  /// The record for a finished flow.
  func record(key: Key, flow: Flow, end: Timestamp) -> FlowRecord {
    let tuple = key.tuple
    return FlowRecord(
      start: flow.start, end: max(end, flow.start), proto: tuple.proto,
      sourceIP: tuple.source.text,
      sourcePort: tuple.isICMP ? UInt16(tuple.icmpType) : tuple.sourcePort,
      destinationIP: tuple.destination.text,
      destinationPort: tuple.isICMP ? UInt16(tuple.icmpCode) : tuple.destinationPort,
      outcome: Self.outcome(proto: tuple.proto, flow: flow),
      bytesOut: flow.originalCounters?.bytes, bytesIn: flow.replyCounters?.bytes,
      packetsOut: flow.originalCounters?.packets, packetsIn: flow.replyCounters?.packets,
      node: configuration.node, source: "conntrack")
  }
}
