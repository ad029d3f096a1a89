/// One direction of a tracked connection (`CTA_TUPLE_ORIG` or `CTA_TUPLE_REPLY`): addresses,
/// protocol and ports, or the ICMP type, code and identifier.
public struct ConntrackTuple: Sendable, Hashable, CustomStringConvertible {
  /// Source address.
  public var source: ConntrackAddress
  /// Destination address.
  public var destination: ConntrackAddress
  /// IANA protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, 132 SCTP).
  public var proto: UInt8
  /// Source port (0 for protocols without ports, ICMP included).
  public var sourcePort: UInt16
  /// Destination port (0 for protocols without ports).
  public var destinationPort: UInt16
  /// ICMP or ICMPv6 type (0 otherwise).
  public var icmpType: UInt8
  /// ICMP or ICMPv6 code (0 otherwise).
  public var icmpCode: UInt8
  /// ICMP or ICMPv6 echo identifier (0 otherwise).
  public var icmpID: UInt16

  /// Creates a tuple.
  public init(
    source: ConntrackAddress, destination: ConntrackAddress, proto: UInt8, sourcePort: UInt16 = 0,
    destinationPort: UInt16 = 0, icmpType: UInt8 = 0, icmpCode: UInt8 = 0, icmpID: UInt16 = 0
  ) {
    self.source = source
    self.destination = destination
    self.proto = proto
    self.sourcePort = sourcePort
    self.destinationPort = destinationPort
    self.icmpType = icmpType
    self.icmpCode = icmpCode
    self.icmpID = icmpID
  }

  /// True for ICMP and ICMPv6.
  public var isICMP: Bool { proto == 1 || proto == 58 }

  /// Address family number (`AF_INET` 2 or `AF_INET6` 10).
  public var family: UInt8 { source.isIPv6 ? ConntrackWire.familyIPv6 : ConntrackWire.familyIPv4 }

  /// `tcp 10.244.1.10:40000 -> 10.244.1.11:8080`, `icmp 10.0.0.1 -> 10.0.0.2 type 8 code 0 id 7`.
  public var description: String {
    let name =
      switch proto {
      case 6: "tcp"
      case 17: "udp"
      case 1: "icmp"
      case 58: "icmpv6"
      default: "proto \(proto)"
      }
    if isICMP {
      return
        "\(name) \(source) -> \(destination) type \(icmpType) code \(icmpCode) id \(icmpID)"
    }
    let src = source.isIPv6 ? "[\(source)]" : source.text
    let dst = destination.isIPv6 ? "[\(destination)]" : destination.text
    return "\(name) \(src):\(sourcePort) -> \(dst):\(destinationPort)"
  }
}
