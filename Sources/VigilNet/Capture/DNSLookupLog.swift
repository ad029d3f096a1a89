import VigilCore

/// The names clients looked up, as flow records the server can match against threat intel and
/// mining-pool lists even when no connection follows (a blocked egress, a DNS tunnel, a
/// resolver probe): one record per client and name per `window`, bounded.
///
/// A lookup record has `source` ``FlowRecord/lookupSource``, the client as source, the resolver
/// as destination (port 53), outcome `unknown`, and the queried name in `dnsName`.
public struct DNSLookupLog: Sendable {
  /// One client and name.
  struct Key: Hashable, Sendable {
    var client: String
    var name: String
  }

  /// A client and name reported again only after this long.
  public var window: Duration
  /// Lookups waiting to be taken at most (older ones dropped, counted).
  public var capacity: Int
  /// Names under these suffixes (cluster service discovery) are not reported.
  public var internalSuffixes: [String] = ["cluster.local", "svc"]
  /// Lookups dropped at capacity.
  public private(set) var dropped = 0
  var lastReported: [Key: Timestamp] = [:]
  var pending: [FlowRecord] = []

  /// A log reporting each client and name at most once per `window`.
  public init(window: Duration = .seconds(60), capacity: Int = 10_000) {
    self.window = window
    self.capacity = capacity
  }

  /// Records the names a response answered (its questions) for its client.
  public mutating func record(
    response message: DNSMessage, packet: DNSPacket, node: String?, at now: Timestamp
  ) {
    for question in message.questions {
      let name = DNSCache.normalized(question.name)
      guard !name.isEmpty, !isInternal(name) else { continue }
      let key = Key(client: packet.destinationIP, name: name)
      if let last = lastReported[key], now.since(last) < window { continue }
      if lastReported.count >= capacity * 4 {
        let horizon = now.adding(.zero - window)
        lastReported = lastReported.filter { $0.value >= horizon }
      }
      lastReported[key] = now
      guard pending.count < capacity else {
        dropped += 1
        continue
      }
      pending.append(
        FlowRecord(
          start: now, proto: packet.transport == .tcp ? 6 : 17, sourceIP: packet.destinationIP,
          sourcePort: packet.destinationPort, destinationIP: packet.sourceIP,
          destinationPort: packet.sourcePort, outcome: .unknown, dnsName: name, node: node,
          source: FlowRecord.lookupSource))
    }
  }

  /// Whether `name` is a cluster-internal name (`x.ns.svc.cluster.local`, `x.svc`).
  func isInternal(_ name: String) -> Bool {
    internalSuffixes.contains { name == $0 || name.hasSuffix("." + $0) }
  }

  /// The lookups recorded since the last call.
  public mutating func take() -> [FlowRecord] {
    defer { pending.removeAll(keepingCapacity: true) }
    return pending
  }
}

extension FlowRecord {
  /// The `source` of a DNS lookup record (``DNSLookupLog``).
  public static let lookupSource = "dns"

  /// True for a DNS lookup record: a name looked up, not a connection.
  public var isLookup: Bool { source == Self.lookupSource }
}
