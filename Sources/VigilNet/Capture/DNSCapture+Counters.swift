extension DNSCapture {
  /// What a `DNSCapture` has seen since it was created; for the agent's metrics.
  public struct Counters: Sendable, Hashable {
    /// Frames given to `observe(frame:link:at:)`.
    public var frames = 0
    /// Packets that reached the DNS layer (UDP or TCP, port 53).
    public var dnsPackets = 0
    /// Responses recorded in the cache.
    public var responses = 0
    /// Responses seen again within the duplicate window (another interface's copy), not recorded.
    public var duplicateResponses = 0
    /// Queries seen (not recorded).
    public var queries = 0
    /// TCP messages cut by the segment's end (not reassembled).
    public var tcpPartialMessages = 0
    /// Frames that yielded no DNS packet, by reason (`PacketDecodeError.Code.isMalformed` tells
    /// broken bytes from traffic skipped on purpose).
    public var skipped: [PacketDecodeError.Code: Int] = [:]
    /// DNS messages that failed to parse, by reason.
    public var malformedMessages: [DNSParseError.Code: Int] = [:]

    /// Creates zeroed counters.
    public init() {}

    /// Non-first IP fragments skipped (they carry no port, so they cannot be read).
    public var nonFirstFragments: Int { skipped[.nonFirstFragment] ?? 0 }

    /// Frames whose bytes were malformed or cut short, all reasons together.
    public var malformedFrames: Int {
      skipped.reduce(0) { $0 + ($1.key.isMalformed ? $1.value : 0) }
    }
  }
}
