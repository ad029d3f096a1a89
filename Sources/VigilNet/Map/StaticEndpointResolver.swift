import VigilCore

/// An in-memory resolver: addresses held by ends over spans of time, cluster ranges whose
/// unknown addresses are "unknown yet", everything else classified by the standard ranges.
/// For tests, the benchmark, and callers that already know their ends.
public struct StaticEndpointResolver: EndpointResolving, Sendable {
  /// One span during which an end held an address.
  struct Span: Sendable {
    var from: Int64
    var until: Int64
    var endpoint: NetworkEndpoint
    var marks: EndpointMarks
  }

  /// Spans by address text, in the order added.
  var spans: [String: [Span]] = [:]
  /// Cluster ranges: (the network's bytes, prefix length, scope given after giving up).
  var clusterRanges: [(bytes: [UInt8], prefix: Int, scope: NetworkEndpoint.AddressScope)] = []

  /// Creates an empty resolver.
  public init() {}

  /// Records that `endpoint` held `ip` from `from` (nil: always) until `until` (nil: still).
  public mutating func hold(
    _ ip: String, as endpoint: NetworkEndpoint, marks: EndpointMarks = .none,
    from: Timestamp? = nil, until: Timestamp? = nil
  ) {
    spans[ip, default: []].append(
      Span(
        from: from?.nanoseconds ?? .min, until: until?.nanoseconds ?? .max, endpoint: endpoint,
        marks: marks))
  }

  /// Declares a cluster range (`10.244.0.0/16`): unheld addresses in it are "unknown yet" and
  /// become external ends of `scope` when given up. Returns false for a malformed CIDR.
  @discardableResult
  public mutating func addClusterRange(
    _ cidr: String, scope: NetworkEndpoint.AddressScope = .podCIDR
  ) -> Bool {
    let parts = cidr.split(separator: "/")
    guard parts.count == 2, let bytes = CommunityID.addressBytes(String(parts[0])),
      let prefix = Int(parts[1]), prefix >= 0, prefix <= bytes.count * 8
    else { return false }
    clusterRanges.append((bytes, prefix, scope))
    return true
  }

  /// The holder at `time`, else "unknown yet" inside a cluster range, else the address's class.
  public func resolve(ip: String, at time: Timestamp) -> EndpointResolution {
    let t = time.nanoseconds
    var from = Int64.min
    var until = Int64.max
    if let list = spans[ip] {
      for span in list {
        if span.from <= t && t < span.until {
          return .known(
            span.endpoint, marks: span.marks, validFrom: span.from, validUntil: span.until)
        }
        // Narrow the gap this miss holds for to the spans around it.
        if span.until <= t { from = max(from, span.until) }
        if span.from > t { until = min(until, span.from) }
      }
    }
    if let bytes = CommunityID.addressBytes(ip) {
      for range in clusterRanges where Self.contains(range.bytes, range.prefix, bytes) {
        return .unknownYet(address: ip, scope: range.scope, validFrom: from, validUntil: until)
      }
    }
    return .known(AddressClassifier.endpoint(for: ip), validFrom: from, validUntil: until)
  }

  static func contains(_ network: [UInt8], _ prefix: Int, _ address: [UInt8]) -> Bool {
    guard network.count == address.count else { return false }
    var bits = prefix
    var i = 0
    while bits > 0 {
      let mask: UInt8 = bits >= 8 ? 0xFF : ~(0xFF >> UInt8(bits))
      if network[i] & mask != address[i] & mask { return false }
      bits -= 8
      i += 1
    }
    return true
  }
}
