/// One threat feed as configured: where it is, how it is written, how often to look again.
public struct ThreatFeed: Sendable, Hashable {
  /// Where the feed is read from.
  public enum Location: Sendable, Hashable {
    /// A local file (checked for changes by modification time and size).
    case file(String)
    /// An `http://` or `https://` URL (fetched on each reload interval).
    case url(String)

    /// A path, or a URL when it starts with `http://` or `https://`.
    public init(_ text: String) {
      let lower = text.lowercased()
      self = lower.hasPrefix("http://") || lower.hasPrefix("https://") ? .url(text) : .file(text)
    }
  }

  /// How the feed is written.
  public enum Format: Sendable, Hashable {
    /// One indicator per line.
    case text
    /// CSV with the indicator in a chosen column.
    case csv(CSVFeedParser.Configuration)
    /// A STIX 2.1 bundle.
    case stix
  }

  /// The feed's name, carried by its alerts.
  public var name: String
  /// Where it is.
  public var location: Location
  /// How it is written.
  public var format: Format
  /// How often it is checked (files) or fetched (URLs).
  public var reloadInterval: Duration

  /// Creates a feed.
  public init(
    name: String, location: Location, format: Format, reloadInterval: Duration = .seconds(3600)
  ) {
    self.name = name
    self.location = location
    self.format = format
    self.reloadInterval = reloadInterval
  }

  /// Parses the feed's bytes in its format.
  public func parse(_ bytes: [UInt8]) -> FeedParseResult {
    switch format {
    case .text: TextFeedParser.parse(bytes, feed: name)
    case .csv(let configuration):
      CSVFeedParser.parse(bytes, feed: name, configuration: configuration)
    case .stix: STIXFeedParser.parse(bytes, feed: name)
    }
  }
}
