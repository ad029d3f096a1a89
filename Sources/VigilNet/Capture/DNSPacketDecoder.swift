/// Decodes captured frames down to the DNS messages they carry: Ethernet II (with up to
/// `maxVLANTags` 802.1Q / 802.1ad tags) or raw IP, then IPv4 (options; fragments skipped and
/// reported) or IPv6 (hop-by-hop, routing, destination options and AH headers walked; fragments
/// skipped and reported), then UDP or TCP with port 53 on either side.
///
/// Pure and total: any bytes give a `DNSPacket` or a `PacketDecodeError`, never a trap.
public enum DNSPacketDecoder {
  /// Most VLAN tags read in front of the EtherType (QinQ is two).
  public static let maxVLANTags = 4
  /// The DNS port.
  public static let dnsPort: UInt16 = 53

  /// Where the IP packet sits in the frame and which version it is.
  struct Network {
    var sourceIP: String
    var destinationIP: String
    var protocolNumber: UInt8
    /// The transport header's offset and the end of the IP packet.
    var transport: Range<Int>
  }

  /// Decodes one frame captured on an interface of type `link`.
  public static func decode(
    _ frame: [UInt8], link: PacketLinkType
  ) throws(PacketDecodeError) -> DNSPacket {
    let network: Network
    switch link {
    case .ethernet:
      let (offset, etherType) = try ethernetPayload(frame)
      switch etherType {
      case 0x0800: network = try ipv4(frame, at: offset)
      case 0x86DD: network = try ipv6(frame, at: offset)
      default: throw PacketDecodeError(.notIP, at: offset - 2)
      }
    case .rawIP:
      guard let first = frame.first else { throw PacketDecodeError(.truncatedIPPacket, at: 0) }
      switch first >> 4 {
      case 4: network = try ipv4(frame, at: 0)
      case 6: network = try ipv6(frame, at: 0)
      default: throw PacketDecodeError(.badIPVersion, at: 0)
      }
    }
    return try transport(frame, network)
  }

  /// The offset of the Ethernet payload and its EtherType, after any VLAN tags.
  static func ethernetPayload(_ frame: [UInt8]) throws(PacketDecodeError) -> (Int, UInt16) {
    var offset = 12
    for _ in 0...maxVLANTags {
      guard frame.count - offset >= 2 else {
        throw PacketDecodeError(.truncatedLinkHeader, at: frame.count)
      }
      let etherType = u16(frame, offset)
      switch etherType {
      case 0x8100, 0x88A8, 0x9100:
        offset += 4
      default:
        return (offset + 2, etherType)
      }
    }
    throw PacketDecodeError(.notIP, at: offset)
  }

  /// Reads an IPv4 header at `offset`.
  static func ipv4(_ frame: [UInt8], at offset: Int) throws(PacketDecodeError) -> Network {
    guard frame.count - offset >= 20 else {
      throw PacketDecodeError(.truncatedIPPacket, at: frame.count)
    }
    guard frame[offset] >> 4 == 4 else { throw PacketDecodeError(.badIPVersion, at: offset) }
    let headerLength = Int(frame[offset] & 0x0F) * 4
    let totalLength = Int(u16(frame, offset + 2))
    guard headerLength >= 20, headerLength <= totalLength else {
      throw PacketDecodeError(.badIPHeaderLength, at: offset)
    }
    guard frame.count - offset >= totalLength else {
      throw PacketDecodeError(.truncatedIPPacket, at: offset + 2)
    }
    let fragment = u16(frame, offset + 6)
    if fragment & 0x1FFF != 0 { throw PacketDecodeError(.nonFirstFragment, at: offset + 6) }
    if fragment & 0x2000 != 0 { throw PacketDecodeError(.firstFragment, at: offset + 6) }
    return Network(
      sourceIP: DNSAddressText.ipv4(frame[(offset + 12)..<(offset + 16)]),
      destinationIP: DNSAddressText.ipv4(frame[(offset + 16)..<(offset + 20)]),
      protocolNumber: frame[offset + 9],
      transport: (offset + headerLength)..<(offset + totalLength))
  }

  /// Reads an IPv6 header at `offset` and walks its extension headers to the transport.
  static func ipv6(_ frame: [UInt8], at offset: Int) throws(PacketDecodeError) -> Network {
    guard frame.count - offset >= 40 else {
      throw PacketDecodeError(.truncatedIPPacket, at: frame.count)
    }
    guard frame[offset] >> 4 == 6 else { throw PacketDecodeError(.badIPVersion, at: offset) }
    let end = offset + 40 + Int(u16(frame, offset + 4))
    guard end <= frame.count else { throw PacketDecodeError(.truncatedIPPacket, at: offset + 4) }
    var next = frame[offset + 6]
    var position = offset + 40
    // Each extension header is at least 8 bytes, so the walk ends within the packet.
    while true {
      switch next {
      case 0, 43, 60, 51:  // hop-by-hop, routing, destination options, authentication header
        guard end - position >= 8 else {
          throw PacketDecodeError(.truncatedExtensionHeader, at: position)
        }
        let length =
          next == 51 ? (Int(frame[position + 1]) + 2) * 4 : (Int(frame[position + 1]) + 1) * 8
        guard end - position >= length else {
          throw PacketDecodeError(.truncatedExtensionHeader, at: position + 1)
        }
        next = frame[position]
        position += length
      case 44:  // fragment
        guard end - position >= 8 else {
          throw PacketDecodeError(.truncatedExtensionHeader, at: position)
        }
        let field = u16(frame, position + 2)
        if field >> 3 != 0 { throw PacketDecodeError(.nonFirstFragment, at: position + 2) }
        if field & 1 != 0 { throw PacketDecodeError(.firstFragment, at: position + 2) }
        next = frame[position]  // an atomic fragment: the whole datagram follows
        position += 8
      default:
        return Network(
          sourceIP: DNSAddressText.ipv6(frame[(offset + 8)..<(offset + 24)]),
          destinationIP: DNSAddressText.ipv6(frame[(offset + 24)..<(offset + 40)]),
          protocolNumber: next, transport: position..<end)
      }
    }
  }

  /// The big-endian 16-bit value at `offset` (the caller checked the bounds).
  @inline(__always)
  static func u16(_ frame: [UInt8], _ offset: Int) -> UInt16 {
    UInt16(frame[offset]) << 8 | UInt16(frame[offset + 1])
  }
}
