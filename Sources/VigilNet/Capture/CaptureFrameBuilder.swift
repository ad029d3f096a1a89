/// Builds Ethernet / raw-IP frames around a payload, for the benchmark and the tests: IPv4 (with
/// options and fragment fields) or IPv6 (with extension headers), UDP or TCP.
struct CaptureFrameBuilder {
  /// VLAN tags (TPID, TCI) in front of the EtherType.
  var vlanTags: [(tpid: UInt16, tci: UInt16)] = []
  /// IPv4 options bytes (a multiple of 4).
  var ipv4Options: [UInt8] = []
  /// IPv4 flags and fragment offset word.
  var ipv4Fragment: UInt16 = 0x4000  // don't fragment
  /// IPv6 extension headers as (type, bytes with the next-header byte left 0).
  var ipv6Extensions: [(type: UInt8, bytes: [UInt8])] = []
  /// The link framing.
  var link: PacketLinkType = .ethernet

  /// A UDP datagram from `source` to `destination` (4 or 16 bytes each).
  func udp(
    _ payload: [UInt8], from source: [UInt8], _ sourcePort: UInt16, to destination: [UInt8],
    _ destinationPort: UInt16
  ) -> [UInt8] {
    var segment = Self.be16(sourcePort) + Self.be16(destinationPort)
    segment += Self.be16(UInt16(truncatingIfNeeded: 8 + payload.count)) + [0, 0]
    return ip(segment + payload, proto: 17, from: source, to: destination)
  }

  /// A TCP segment (PSH+ACK) carrying `payload`.
  func tcp(
    _ payload: [UInt8], from source: [UInt8], _ sourcePort: UInt16, to destination: [UInt8],
    _ destinationPort: UInt16
  ) -> [UInt8] {
    var segment = Self.be16(sourcePort) + Self.be16(destinationPort)
    segment += [0, 0, 0x10, 0x01, 0, 0, 0x20, 0x02]  // sequence, acknowledgement
    segment += [0x50, 0x18, 0xFF, 0xFF, 0, 0, 0, 0]  // offset 5 words, PSH ACK, window
    return ip(segment + payload, proto: 6, from: source, to: destination)
  }

  /// An IP packet (version from the address size) inside the link framing.
  func ip(_ transport: [UInt8], proto: UInt8, from source: [UInt8], to destination: [UInt8])
    -> [UInt8]
  {
    var packet: [UInt8]
    let etherType: UInt16
    if source.count == 4 {
      etherType = 0x0800
      let headerLength = 20 + ipv4Options.count
      packet = [0x40 | UInt8(headerLength / 4), 0]
      packet += Self.be16(UInt16(truncatingIfNeeded: headerLength + transport.count))
      packet += [0x12, 0x34] + Self.be16(ipv4Fragment) + [64, proto, 0, 0]
      packet += source + destination + ipv4Options
    } else {
      etherType = 0x86DD
      var extensions: [UInt8] = []
      var first = proto
      for header in ipv6Extensions.reversed() {
        var bytes = header.bytes
        if !bytes.isEmpty { bytes[0] = first }
        first = header.type
        extensions = bytes + extensions
      }
      packet = [0x60, 0, 0, 0]
      packet += Self.be16(UInt16(truncatingIfNeeded: extensions.count + transport.count))
      packet += [first, 64] + source + destination + extensions
    }
    packet += transport
    guard link == .ethernet else { return packet }
    var frame: [UInt8] = [0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01]
    for tag in vlanTags { frame += Self.be16(tag.tpid) + Self.be16(tag.tci) }
    return frame + Self.be16(etherType) + packet
  }

  static func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
}
