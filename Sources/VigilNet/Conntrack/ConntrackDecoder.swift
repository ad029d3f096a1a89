import VigilCore

/// Reads a netlink receive buffer holding one or more ctnetlink messages (events, dump and get
/// replies, `NLMSG_DONE`, `NLMSG_ERROR`). Pure: no I/O, no allocation beyond the values it
/// returns. A malformed message is reported with its offset and skipped; when its length field
/// itself is broken the rest of the buffer cannot be framed and is dropped. Never traps on any
/// input.
public struct ConntrackDecoder: Sendable {
  /// Creates a decoder.
  public init() {}

  /// Calls `body` with each message of `bytes`, in order.
  public func decode(_ bytes: UnsafeRawBufferPointer, _ body: (ConntrackMessage) -> Void) {
    var offset = 0
    let count = bytes.count
    while offset < count {
      guard count - offset >= ConntrackWire.headerSize else {
        body(.malformed(ConntrackDecodeError(.truncatedHeader, at: offset, message: offset)))
        return
      }
      let length = Int(bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
      guard length >= ConntrackWire.headerSize, length <= count - offset else {
        body(.malformed(ConntrackDecodeError(.badMessageLength, at: offset, message: offset)))
        return
      }
      body(message(bytes, at: offset, length: length))
      offset += min(ConntrackWire.align(length), count - offset)
    }
  }

  /// The messages of `bytes`, in order.
  public func decode(_ bytes: [UInt8]) -> [ConntrackMessage] {
    var out: [ConntrackMessage] = []
    bytes.withUnsafeBytes { raw in decode(raw) { out.append($0) } }
    return out
  }

  /// Reads the message at `offset` whose header says `length` bytes (already checked to fit).
  private func message(_ bytes: UnsafeRawBufferPointer, at offset: Int, length: Int)
    -> ConntrackMessage
  {
    let type = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt16.self)
    let flags = bytes.loadUnaligned(fromByteOffset: offset + 6, as: UInt16.self)
    let sequence = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
    switch type {
    case ConntrackWire.nlmsgDone:
      return .done(sequence: sequence)
    case ConntrackWire.nlmsgError:
      guard length >= ConntrackWire.headerSize + 4 else {
        return .malformed(
          ConntrackDecodeError(
            .truncatedError, at: offset + ConntrackWire.headerSize, message: offset))
      }
      let code = bytes.loadUnaligned(
        fromByteOffset: offset + ConntrackWire.headerSize, as: Int32.self)
      // The kernel sends -errno; keep the magnitude (Int32.min has none, report it as is).
      return code == 0
        ? .acknowledgement(sequence: sequence)
        : .kernelError(errno: code == Int32.min ? code : -code, sequence: sequence)
    default:
      break
    }
    guard type >> 8 == ConntrackWire.subsystemConntrack else { return .ignored(type: type) }
    let kind: ConntrackEvent.Kind
    switch type & 0xFF {
    case ConntrackWire.messageDelete:
      kind = .destroy
    case ConntrackWire.messageNew:
      if flags & ConntrackWire.flagMulti != 0 || sequence != 0 {
        kind = .dump
      } else if flags & ConntrackWire.flagCreate != 0 {
        kind = .new
      } else {
        kind = .update
      }
    default:
      return .ignored(type: type)
    }
    guard length >= ConntrackWire.headerSize + ConntrackWire.nfgenSize else {
      return .malformed(
        ConntrackDecodeError(
          .truncatedPayload, at: offset + ConntrackWire.headerSize, message: offset))
    }
    let family = bytes[offset + ConntrackWire.headerSize]
    let reader = ConntrackAttributeReader(bytes: bytes, messageOffset: offset)
    do {
      return .event(
        try reader.event(
          kind: kind, sequence: sequence, family: family,
          from: offset + ConntrackWire.headerSize + ConntrackWire.nfgenSize, to: offset + length))
    } catch {
      return .malformed(error)
    }
  }
}
