/// One indicator of compromise from a threat feed: an address, a range, a domain or a URL, with
/// the feed that listed it and what the feed said about it.
public struct Indicator: Sendable, Hashable {
  /// What the indicator names.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// One IPv4 address.
    case ipv4
    /// One IPv6 address.
    case ipv6
    /// An IPv4 or IPv6 range (`198.51.100.0/24`).
    case cidr
    /// A domain and every name under it.
    case domain
    /// A URL; its host is matched (a domain or an address).
    case url
  }

  /// What it names.
  public var kind: Kind
  /// The indicator, normalized: `198.51.100.7`, `2001:db8::1`, `198.51.100.0/24`,
  /// `evil.example` (lowercase, no trailing dot), or the URL as the feed wrote it.
  public var value: String
  /// The host a URL indicator matches on (lowercase; nil for other kinds).
  public var host: String?
  /// The feed that listed it.
  public var feed: String
  /// What the feed says about it (a STIX `name`/`description`, a CSV column, a comment).
  public var description: String?

  /// Creates an indicator (values are taken as given; `IndicatorText.classify` normalizes).
  public init(
    kind: Kind, value: String, host: String? = nil, feed: String, description: String? = nil
  ) {
    self.kind = kind
    self.value = value
    self.host = host
    self.feed = feed
    self.description = description
  }
}
