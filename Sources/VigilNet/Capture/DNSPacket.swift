/// The DNS content of one captured packet: its addresses and ports, and the messages it carried
/// (one for UDP; zero or more length-prefixed ones for a TCP segment).
public struct DNSPacket: Sendable, Hashable {
  /// The transport the messages came over.
  public enum Transport: String, Sendable, Hashable {
    /// UDP: one message per datagram.
    case udp
    /// TCP: messages with a 2-byte length prefix.
    case tcp
  }

  /// The packet's source address as text (`10.244.1.10`, `2001:db8::5`).
  public var sourceIP: String
  /// The packet's destination address as text; for a response, the client.
  public var destinationIP: String
  /// The source port.
  public var sourcePort: UInt16
  /// The destination port.
  public var destinationPort: UInt16
  /// UDP or TCP.
  public var transport: Transport
  /// The messages parsed, in order (queries and responses).
  public var messages: [DNSMessage]
  /// The messages that failed to parse, with the reason.
  public var malformed: [DNSParseError]
  /// TCP: messages whose length prefix promises more than the segment holds (not reassembled).
  public var partialMessages: Int

  /// Creates a packet.
  public init(
    sourceIP: String, destinationIP: String, sourcePort: UInt16, destinationPort: UInt16,
    transport: Transport, messages: [DNSMessage] = [], malformed: [DNSParseError] = [],
    partialMessages: Int = 0
  ) {
    self.sourceIP = sourceIP
    self.destinationIP = destinationIP
    self.sourcePort = sourcePort
    self.destinationPort = destinationPort
    self.transport = transport
    self.messages = messages
    self.malformed = malformed
    self.partialMessages = partialMessages
  }

  /// The responses among the messages: each was sent to its client, this packet's destination.
  public var responses: [DNSMessage] { messages.filter { $0.header.isResponse } }
}
