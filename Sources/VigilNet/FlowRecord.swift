import VigilCore

/// One network connection as Vigil records it, whichever source saw it (the node agent's
/// conntrack reader, Hubble, VPC flow logs): the five-tuple, timing, outcome and counters.
public struct FlowRecord: Sendable, Hashable {
  /// How a TCP connection (or a UDP exchange) went.
  public enum Outcome: String, Sendable, Hashable, CaseIterable {
    /// The handshake completed (or UDP got a reply).
    case established
    /// The destination refused (RST to the SYN, ICMP port unreachable).
    case refused
    /// Reset after it was established.
    case reset
    /// No reply before the tracker gave up.
    case unreplied
    /// Not known from this source.
    case unknown
  }

  /// First packet.
  public var start: Timestamp
  /// Last packet (equals `start` while open).
  public var end: Timestamp
  /// IANA protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6).
  public var proto: UInt8
  /// Source address, as text (`10.244.1.5`, `fd00::1`).
  public var sourceIP: String
  /// Source port (0 when the protocol has none).
  public var sourcePort: UInt16
  /// Destination address.
  public var destinationIP: String
  /// Destination port (0 when the protocol has none).
  public var destinationPort: UInt16
  /// How it went.
  public var outcome: Outcome
  /// Bytes from source to destination, when counted.
  public var bytesOut: UInt64?
  /// Bytes from destination to source, when counted.
  public var bytesIn: UInt64?
  /// Packets from source to destination, when counted.
  public var packetsOut: UInt64?
  /// Packets from destination to source, when counted.
  public var packetsIn: UInt64?
  /// The DNS name the source resolved for the destination, when known.
  public var dnsName: String?
  /// The node that saw it (or the VPC interface / Hubble node name).
  public var node: String?
  /// Where it was read from (`conntrack`, `hubble`, `vpc-flow-log`).
  public var source: String

  /// Creates a flow record.
  public init(
    start: Timestamp, end: Timestamp? = nil, proto: UInt8, sourceIP: String, sourcePort: UInt16,
    destinationIP: String, destinationPort: UInt16, outcome: Outcome = .unknown,
    bytesOut: UInt64? = nil, bytesIn: UInt64? = nil, packetsOut: UInt64? = nil,
    packetsIn: UInt64? = nil, dnsName: String? = nil, node: String? = nil, source: String
  ) {
    self.start = start
    self.end = end ?? start
    self.proto = proto
    self.sourceIP = sourceIP
    self.sourcePort = sourcePort
    self.destinationIP = destinationIP
    self.destinationPort = destinationPort
    self.outcome = outcome
    self.bytesOut = bytesOut
    self.bytesIn = bytesIn
    self.packetsOut = packetsOut
    self.packetsIn = packetsIn
    self.dnsName = dnsName
    self.node = node
    self.source = source
  }
}
