import VigilCore

/// Walks the (nested) attributes of one ctnetlink message and fills a `ConntrackEvent`. Every
/// read is bounds-checked against the enclosing attribute; payload integers are big-endian
/// (ctnetlink's convention), headers are in host order.
struct ConntrackAttributeReader {
  let bytes: UnsafeRawBufferPointer
  let messageOffset: Int

  func failure(_ code: ConntrackDecodeError.Code, at offset: Int) -> ConntrackDecodeError {
    ConntrackDecodeError(code, at: offset, message: messageOffset)
  }

  /// Calls `body(type, payloadStart, payloadLength)` for each attribute in `start..<end`
  /// (type without the nested/byte-order flags).
  @inline(__always)
  func forEach(
    from start: Int, to end: Int,
    _ body: (UInt16, Int, Int) throws(ConntrackDecodeError) -> Void
  ) throws(ConntrackDecodeError) {
    var offset = start
    while offset < end {
      guard end - offset >= 4 else { throw failure(.badAttributeLength, at: offset) }
      let length = Int(bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
      guard length >= 4, length <= end - offset else {
        throw failure(.badAttributeLength, at: offset)
      }
      let type =
        bytes.loadUnaligned(fromByteOffset: offset + 2, as: UInt16.self)
        & ConntrackWire.attributeTypeMask
      try body(type, offset + 4, length - 4)
      offset += min(ConntrackWire.align(length), end - offset)
    }
  }

  @inline(__always)
  func u8(_ at: Int, _ length: Int) throws(ConntrackDecodeError) -> UInt8 {
    guard length >= 1 else { throw failure(.badAttributeSize, at: at - 4) }
    return bytes[at]
  }

  @inline(__always)
  func u16(_ at: Int, _ length: Int) throws(ConntrackDecodeError) -> UInt16 {
    guard length >= 2 else { throw failure(.badAttributeSize, at: at - 4) }
    return UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self))
  }

  @inline(__always)
  func u32(_ at: Int, _ length: Int) throws(ConntrackDecodeError) -> UInt32 {
    guard length >= 4 else { throw failure(.badAttributeSize, at: at - 4) }
    return UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self))
  }

  @inline(__always)
  func u64(_ at: Int, _ length: Int) throws(ConntrackDecodeError) -> UInt64 {
    guard length >= 8 else { throw failure(.badAttributeSize, at: at - 4) }
    return UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
  }

  func event(
    kind: ConntrackEvent.Kind, sequence: UInt32, family: UInt8, from start: Int, to end: Int
  ) throws(ConntrackDecodeError) -> ConntrackEvent {
    var original: ConntrackTuple?
    var reply: ConntrackTuple?
    var id: UInt32?
    var tcpState: ConntrackTCPState?
    var closeInitiated: Bool?
    var status: ConntrackStatus?
    var originalCounters: ConntrackEvent.Counters?
    var replyCounters: ConntrackEvent.Counters?
    var startTime: Timestamp?
    var stopTime: Timestamp?
    var timeout: UInt32?
    var zone: UInt16?
    var mark: UInt32?
    try forEach(from: start, to: end) { (type, at, length) throws(ConntrackDecodeError) in
      switch type {
      case ConntrackWire.tupleOrig: original = try tuple(at, length)
      case ConntrackWire.tupleReply: reply = try tuple(at, length)
      case ConntrackWire.status: status = ConntrackStatus(rawValue: try u32(at, length))
      case ConntrackWire.id: id = try u32(at, length)
      case ConntrackWire.timeout: timeout = try u32(at, length)
      case ConntrackWire.mark: mark = try u32(at, length)
      case ConntrackWire.zone: zone = try u16(at, length)
      case ConntrackWire.countersOrig: originalCounters = try counters(at, length)
      case ConntrackWire.countersReply: replyCounters = try counters(at, length)
      case ConntrackWire.protoinfo:
        let info = try protoinfo(at, length)
        tcpState = info.state ?? tcpState
        closeInitiated = info.closeInitiated ?? closeInitiated
      case ConntrackWire.timestamp:
        try forEach(from: at, to: at + length) {
          (inner, place, size) throws(ConntrackDecodeError) in
          if inner == ConntrackWire.timestampStart {
            startTime = Timestamp(nanoseconds: Int64(truncatingIfNeeded: try u64(place, size)))
          } else if inner == ConntrackWire.timestampStop {
            stopTime = Timestamp(nanoseconds: Int64(truncatingIfNeeded: try u64(place, size)))
          }
        }
      default: break
      }
    }
    guard let original else { throw failure(.missingTuple, at: start) }
    return ConntrackEvent(
      kind: kind, sequence: sequence, family: family, id: id, original: original, reply: reply,
      tcpState: tcpState, status: status, originalCounters: originalCounters,
      replyCounters: replyCounters, start: startTime, stop: stopTime, timeout: timeout,
      zone: zone, mark: mark, tcpCloseInitiated: closeInitiated)
  }

  func tuple(_ start: Int, _ length: Int) throws(ConntrackDecodeError) -> ConntrackTuple {
    var source: ConntrackAddress?
    var destination: ConntrackAddress?
    var proto: UInt8?
    var result = ConntrackTuple(
      source: ConntrackAddress(ipv4: 0), destination: ConntrackAddress(ipv4: 0), proto: 0)
    try forEach(from: start, to: start + length) { (type, at, size) throws(ConntrackDecodeError) in
      switch type {
      case ConntrackWire.tupleIP:
        try forEach(from: at, to: at + size) { (inner, place, count) throws(ConntrackDecodeError) in
          switch inner {
          case ConntrackWire.ipV4Source: source = try ipv4(place, count)
          case ConntrackWire.ipV4Destination: destination = try ipv4(place, count)
          case ConntrackWire.ipV6Source: source = try ipv6(place, count)
          case ConntrackWire.ipV6Destination: destination = try ipv6(place, count)
          default: break
          }
        }
      case ConntrackWire.tupleProto:
        try forEach(from: at, to: at + size) { (inner, place, count) throws(ConntrackDecodeError) in
          switch inner {
          case ConntrackWire.protoNumber: proto = try u8(place, count)
          case ConntrackWire.protoSourcePort: result.sourcePort = try u16(place, count)
          case ConntrackWire.protoDestinationPort: result.destinationPort = try u16(place, count)
          case ConntrackWire.protoICMPID, ConntrackWire.protoICMPv6ID:
            result.icmpID = try u16(place, count)
          case ConntrackWire.protoICMPType, ConntrackWire.protoICMPv6Type:
            result.icmpType = try u8(place, count)
          case ConntrackWire.protoICMPCode, ConntrackWire.protoICMPv6Code:
            result.icmpCode = try u8(place, count)
          default: break
          }
        }
      default: break
      }
    }
    guard let source, let destination, let proto else {
      throw failure(.missingTuple, at: start - 4)
    }
    result.source = source
    result.destination = destination
    result.proto = proto
    return result
  }

  func ipv4(_ at: Int, _ length: Int) throws(ConntrackDecodeError) -> ConntrackAddress {
    guard length == 4 else { throw failure(.badAttributeSize, at: at - 4) }
    return ConntrackAddress(
      ipv4: UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
  }

  func ipv6(_ at: Int, _ length: Int) throws(ConntrackDecodeError) -> ConntrackAddress {
    guard length == 16 else { throw failure(.badAttributeSize, at: at - 4) }
    return ConntrackAddress(
      ipv6High: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)),
      low: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self)))
  }

  func counters(_ start: Int, _ length: Int) throws(ConntrackDecodeError)
    -> ConntrackEvent.Counters
  {
    var result = ConntrackEvent.Counters(packets: 0, bytes: 0)
    try forEach(from: start, to: start + length) { (type, at, size) throws(ConntrackDecodeError) in
      switch type {
      case ConntrackWire.counterPackets: result.packets = try u64(at, size)
      case ConntrackWire.counterBytes: result.bytes = try u64(at, size)
      case ConntrackWire.counter32Packets: result.packets = UInt64(try u32(at, size))
      case ConntrackWire.counter32Bytes: result.bytes = UInt64(try u32(at, size))
      default: break
      }
    }
    return result
  }

  /// The TCP state inside `CTA_PROTOINFO` (nil for other protocols or an unknown state value)
  /// and whether either side's flags say it sent a FIN (nil when no flags are present).
  func protoinfo(_ start: Int, _ length: Int) throws(ConntrackDecodeError) -> (
    state: ConntrackTCPState?, closeInitiated: Bool?
  ) {
    var state: ConntrackTCPState?
    var closeInitiated: Bool?
    try forEach(from: start, to: start + length) { (type, at, size) throws(ConntrackDecodeError) in
      guard type == ConntrackWire.protoinfoTCP else { return }
      try forEach(from: at, to: at + size) { (inner, place, count) throws(ConntrackDecodeError) in
        switch inner {
        case ConntrackWire.protoinfoTCPState:
          state = ConntrackTCPState(rawValue: try u8(place, count))
        case ConntrackWire.protoinfoTCPFlagsOriginal, ConntrackWire.protoinfoTCPFlagsReply:
          // struct nf_ct_tcp_flags { __u8 flags; __u8 mask; }
          let flags = try u8(place, count)
          closeInitiated =
            (closeInitiated ?? false) || flags & ConntrackWire.tcpFlagCloseInit != 0
        default: break
        }
      }
    }
    return (state, closeInitiated)
  }
}
