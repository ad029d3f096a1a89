import VigilCore

/// Turns captured frames into the per-client DNS cache: decodes each frame, records every
/// response under its client (the response's destination) and counts what it saw.
///
/// Pure state with the time passed in. The same response seen twice within `duplicateWindow`
/// (a bridge and its port both show it) is recorded once and counted in `duplicateResponses`.
public struct DNSCapture: Sendable {
  /// The names each client resolved.
  public internal(set) var cache: DNSCache
  /// What the capture saw.
  public internal(set) var counters = Counters()
  /// How long a response is remembered to recognise its copy on another interface.
  public var duplicateWindow: Duration
  var recent: DNSCaptureRecent
  /// The names clients looked up, as lookup records (``DNSLookupLog``).
  public var lookups = DNSLookupLog()
  /// The node name lookup records carry.
  public var node: String?

  /// Creates a capture feeding `cache`.
  public init(
    cache: DNSCache = DNSCache(), duplicateWindow: Duration = .seconds(1),
    recentResponses: Int = 1024
  ) {
    self.cache = cache
    self.duplicateWindow = duplicateWindow
    self.recent = DNSCaptureRecent(capacity: recentResponses)
  }

  /// Decodes one frame captured on an interface of type `link` at `now` and records the
  /// responses it carries.
  public mutating func observe(frame: [UInt8], link: PacketLinkType, at now: Timestamp) {
    counters.frames += 1
    let packet: DNSPacket
    do {
      packet = try DNSPacketDecoder.decode(frame, link: link)
    } catch {
      counters.skipped[error.code, default: 0] += 1
      return
    }
    observe(packet: packet, at: now)
  }

  /// Records the responses of an already decoded packet.
  public mutating func observe(packet: DNSPacket, at now: Timestamp) {
    counters.dnsPackets += 1
    counters.tcpPartialMessages += packet.partialMessages
    for error in packet.malformed { counters.malformedMessages[error.code, default: 0] += 1 }
    for message in packet.messages {
      guard message.header.isResponse else {
        counters.queries += 1
        continue
      }
      let key = DNSCaptureRecent.Key(
        source: packet.sourceIP, destination: packet.destinationIP,
        sourcePort: packet.sourcePort, destinationPort: packet.destinationPort,
        transport: packet.transport, id: message.header.id)
      guard recent.insert(key, at: now, window: duplicateWindow) else {
        counters.duplicateResponses += 1
        continue
      }
      counters.responses += 1
      cache.record(response: message, client: packet.destinationIP, at: now)
      lookups.record(response: message, packet: packet, node: node, at: now)
    }
  }

  /// The lookup records made since the last call.
  public mutating func takeLookups() -> [FlowRecord] { lookups.take() }

  /// The name `client` resolved for `destination` (the answer still within its TTL at `now`):
  /// what the agent puts in a flow record's `dnsName` for a flow from `client` to `destination`.
  public func name(for destination: String, client: String, at now: Timestamp) -> String? {
    cache.name(for: destination, client: client, at: now)
  }
}
