/// A point in time: nanoseconds since the Unix epoch, UTC. Parsed and printed as RFC 3339 without Foundation.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// Nanoseconds since 1970-01-01T00:00:00Z.
  public var nanoseconds: Int64

  /// Creates a timestamp from nanoseconds since the epoch.
  public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

  /// Creates a timestamp from (possibly fractional) seconds since the epoch.
  public init(seconds: Double) { self.nanoseconds = Int64((seconds * 1e9).rounded()) }

  /// Seconds since the epoch.
  public var seconds: Double { Double(nanoseconds) / 1e9 }

  /// The timestamp moved by a duration.
  public func adding(_ duration: Duration) -> Timestamp {
    let (s, a) = duration.components
    return Timestamp(nanoseconds: nanoseconds &+ s &* 1_000_000_000 &+ a / 1_000_000_000)
  }

  /// The duration from `other` to `self`.
  public func since(_ other: Timestamp) -> Duration { .nanoseconds(nanoseconds &- other.nanoseconds) }

  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

  /// RFC 3339 in UTC with microseconds, like the Kubernetes API server prints `stageTimestamp`.
  public var description: String { rfc3339(fractionDigits: 6) }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let parsed = Timestamp(rfc3339: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "not an RFC 3339 timestamp: \(text)")
    }
    self = parsed
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
