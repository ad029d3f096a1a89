extension DNSPacketDecoder {
  /// Reads the UDP or TCP header inside `network` and parses the DNS payload.
  static func transport(
    _ frame: [UInt8], _ network: Network
  ) throws(PacketDecodeError) -> DNSPacket {
    let start = network.transport.lowerBound
    let end = network.transport.upperBound
    let headerSize: Int
    switch network.protocolNumber {
    case 17: headerSize = 8
    case 6: headerSize = 20
    default: throw PacketDecodeError(.notUDPOrTCP, at: start)
    }
    guard end - start >= headerSize else {
      throw PacketDecodeError(.truncatedTransportHeader, at: start)
    }
    let sourcePort = u16(frame, start)
    let destinationPort = u16(frame, start + 2)
    guard sourcePort == dnsPort || destinationPort == dnsPort else {
      throw PacketDecodeError(.notDNSPort, at: start)
    }
    var packet = DNSPacket(
      sourceIP: network.sourceIP, destinationIP: network.destinationIP, sourcePort: sourcePort,
      destinationPort: destinationPort, transport: network.protocolNumber == 17 ? .udp : .tcp)
    if network.protocolNumber == 17 {
      let length = Int(u16(frame, start + 4))
      guard length >= 8, length <= end - start else {
        throw PacketDecodeError(.badUDPLength, at: start + 4)
      }
      do {
        packet.messages.append(try DNSMessage(bytes: Array(frame[(start + 8)..<(start + length)])))
      } catch {
        packet.malformed.append(error)
      }
    } else {
      let dataOffset = Int(frame[start + 12] >> 4) * 4
      guard dataOffset >= 20, dataOffset <= end - start else {
        throw PacketDecodeError(.badTCPHeaderLength, at: start + 12)
      }
      guard start + dataOffset < end else { throw PacketDecodeError(.emptyPayload, at: end) }
      readTCPMessages(frame, (start + dataOffset)..<end, into: &packet)
    }
    return packet
  }

  /// Parses the length-prefixed messages of one TCP segment. A message that does not fit is
  /// counted as partial and ends the segment (no reassembly across segments).
  static func readTCPMessages(_ frame: [UInt8], _ payload: Range<Int>, into packet: inout DNSPacket)
  {
    var position = payload.lowerBound
    while position < payload.upperBound {
      guard payload.upperBound - position >= 2 else {
        packet.partialMessages += 1
        return
      }
      let length = Int(u16(frame, position))
      let body = position + 2
      guard payload.upperBound - body >= length else {
        packet.partialMessages += 1
        return
      }
      do {
        packet.messages.append(try DNSMessage(bytes: Array(frame[body..<(body + length)])))
      } catch {
        packet.malformed.append(error)
      }
      position = body + length
    }
  }
}
