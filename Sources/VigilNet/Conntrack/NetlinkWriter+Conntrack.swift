/// ctnetlink payloads: tuples and whole event messages.
extension NetlinkWriter {
  /// A `CTA_TUPLE_ORIG`/`CTA_TUPLE_REPLY` nest.
  mutating func tuple(_ type: UInt16, _ tuple: ConntrackTuple) {
    let outer = beginNest(type)
    let ip = beginNest(ConntrackWire.tupleIP)
    if tuple.source.isIPv6 {
      address(ConntrackWire.ipV6Source, tuple.source)
      address(ConntrackWire.ipV6Destination, tuple.destination)
    } else {
      address(ConntrackWire.ipV4Source, tuple.source)
      address(ConntrackWire.ipV4Destination, tuple.destination)
    }
    end(nest: ip)
    let proto = beginNest(ConntrackWire.tupleProto)
    u8(ConntrackWire.protoNumber, tuple.proto)
    if tuple.proto == 1 {
      u16(ConntrackWire.protoICMPID, tuple.icmpID)
      u8(ConntrackWire.protoICMPType, tuple.icmpType)
      u8(ConntrackWire.protoICMPCode, tuple.icmpCode)
    } else if tuple.proto == 58 {
      u16(ConntrackWire.protoICMPv6ID, tuple.icmpID)
      u8(ConntrackWire.protoICMPv6Type, tuple.icmpType)
      u8(ConntrackWire.protoICMPv6Code, tuple.icmpCode)
    } else {
      u16(ConntrackWire.protoSourcePort, tuple.sourcePort)
      u16(ConntrackWire.protoDestinationPort, tuple.destinationPort)
    }
    end(nest: proto)
    end(nest: outer)
  }

  /// A whole message as the kernel would send `event` (attribute order as ctnetlink's).
  mutating func event(_ event: ConntrackEvent, flags extraFlags: UInt16 = 0) {
    let type: UInt16
    var flags = extraFlags
    switch event.kind {
    case .new:
      type = ConntrackWire.subsystemConntrack << 8 | ConntrackWire.messageNew
      flags |= ConntrackWire.flagCreate | ConntrackWire.flagExclusive
    case .update, .dump:
      type = ConntrackWire.subsystemConntrack << 8 | ConntrackWire.messageNew
    case .destroy:
      type = ConntrackWire.subsystemConntrack << 8 | ConntrackWire.messageDelete
    }
    let start = beginMessage(
      type: type, flags: flags, sequence: event.sequence, family: event.family)
    tuple(ConntrackWire.tupleOrig, event.original)
    if let reply = event.reply { tuple(ConntrackWire.tupleReply, reply) }
    if let zone = event.zone { u16(ConntrackWire.zone, zone) }
    if let status = event.status { u32(ConntrackWire.status, status.rawValue) }
    if let timeout = event.timeout { u32(ConntrackWire.timeout, timeout) }
    if let state = event.tcpState {
      let info = beginNest(ConntrackWire.protoinfo)
      let tcp = beginNest(ConntrackWire.protoinfoTCP)
      u8(ConntrackWire.protoinfoTCPState, state.rawValue)
      end(nest: tcp)
      end(nest: info)
    }
    for (type, counters) in [
      (ConntrackWire.countersOrig, event.originalCounters),
      (ConntrackWire.countersReply, event.replyCounters),
    ] {
      guard let counters else { continue }
      let nest = beginNest(type)
      u64(ConntrackWire.counterPackets, counters.packets)
      u64(ConntrackWire.counterBytes, counters.bytes)
      end(nest: nest)
    }
    if event.start != nil || event.stop != nil {
      let nest = beginNest(ConntrackWire.timestamp)
      if let start = event.start {
        u64(ConntrackWire.timestampStart, UInt64(truncatingIfNeeded: start.nanoseconds))
      }
      if let stop = event.stop {
        u64(ConntrackWire.timestampStop, UInt64(truncatingIfNeeded: stop.nanoseconds))
      }
      end(nest: nest)
    }
    if let mark = event.mark { u32(ConntrackWire.mark, mark) }
    if let id = event.id { u32(ConntrackWire.id, id) }
    end(message: start)
  }
}
