/// Why a captured frame yielded no DNS message, and at which byte offset of the frame.
///
/// Some codes are ordinary traffic the capture skips (`notIP`, `notDNSPort`, `emptyPayload`,
/// fragments); the others mean the bytes were malformed or cut short (`isMalformed`).
public struct PacketDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What was found.
  public enum Code: String, Sendable, Hashable, CaseIterable {
    /// The frame ends inside the link header or a VLAN tag.
    case truncatedLinkHeader
    /// The interface's link type is not decoded.
    case unsupportedLinkType
    /// The frame carries neither IPv4 nor IPv6 (ARP, LLDP, …).
    case notIP
    /// The IP version nibble does not match the EtherType (or is neither 4 nor 6).
    case badIPVersion
    /// The IPv4 header length is below 20 bytes or past the packet's total length.
    case badIPHeaderLength
    /// The IP packet's length claims more bytes than the frame holds.
    case truncatedIPPacket
    /// An IPv6 extension header runs past the packet.
    case truncatedExtensionHeader
    /// A fragment other than the first: no transport header, so it cannot be read.
    case nonFirstFragment
    /// The first fragment of a fragmented datagram: its DNS message is incomplete.
    case firstFragment
    /// The transport is neither UDP nor TCP.
    case notUDPOrTCP
    /// Neither port is 53.
    case notDNSPort
    /// The UDP or TCP header runs past the packet.
    case truncatedTransportHeader
    /// The UDP length field is below 8 or past the packet.
    case badUDPLength
    /// The TCP data offset is below 20 bytes or past the segment.
    case badTCPHeaderLength
    /// A TCP segment without payload (handshake, ACK, FIN).
    case emptyPayload

    /// True when the bytes were malformed or cut short, false for traffic skipped on purpose.
    public var isMalformed: Bool {
      switch self {
      case .truncatedLinkHeader, .badIPVersion, .badIPHeaderLength, .truncatedIPPacket,
        .truncatedExtensionHeader, .truncatedTransportHeader, .badUDPLength, .badTCPHeaderLength:
        true
      case .unsupportedLinkType, .notIP, .nonFirstFragment, .firstFragment, .notUDPOrTCP,
        .notDNSPort, .emptyPayload:
        false
      }
    }
  }

  /// What was found.
  public var code: Code
  /// Byte offset into the frame where it was found.
  public var offset: Int

  /// Creates an error.
  public init(_ code: Code, at offset: Int) {
    self.code = code
    self.offset = offset
  }

  /// `code at offset N: explanation`.
  public var description: String {
    let text =
      switch code {
      case .truncatedLinkHeader: "frame ends inside the link header"
      case .unsupportedLinkType: "link type not decoded"
      case .notIP: "frame carries neither IPv4 nor IPv6"
      case .badIPVersion: "IP version does not match the link's protocol"
      case .badIPHeaderLength: "IPv4 header length out of range"
      case .truncatedIPPacket: "IP length runs past the frame"
      case .truncatedExtensionHeader: "IPv6 extension header runs past the packet"
      case .nonFirstFragment: "non-first IP fragment skipped"
      case .firstFragment: "first IP fragment of a fragmented datagram skipped"
      case .notUDPOrTCP: "transport is neither UDP nor TCP"
      case .notDNSPort: "neither port is 53"
      case .truncatedTransportHeader: "transport header runs past the packet"
      case .badUDPLength: "UDP length out of range"
      case .badTCPHeaderLength: "TCP data offset out of range"
      case .emptyPayload: "TCP segment without payload"
      }
    return "\(code.rawValue) at offset \(offset): \(text)"
  }
}
