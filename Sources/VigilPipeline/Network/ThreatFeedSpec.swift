import VigilDetect

/// Reads a `network.threatFeeds` entry: `NAME=PATH_OR_URL[,format=text|csv|stix][,column=C]`.
/// Without a format, `.json`/`.stix` files are STIX bundles, `.csv` files CSV (first column
/// unless `column` names one, by header or 0-based index) and anything else one indicator a line.
public enum ThreatFeedSpec {
  /// A spec that cannot be read.
  public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The spec.
    public var spec: String
    /// Why.
    public var reason: String
    /// Explanation.
    public var description: String { "threat feed \"\(spec)\": \(reason)" }
  }

  /// The feed `spec` names; files are checked for changes every `fileCheck`, URLs fetched every
  /// `urlRefresh`.
  public static func parse(
    _ spec: String, fileCheck: Duration = .seconds(30), urlRefresh: Duration = .seconds(3600)
  ) throws(Failure) -> ThreatFeed {
    let parts = spec.split(separator: ",").map { String($0).trimmingCharacters(in: " ") }
    guard let head = parts.first, let equals = head.firstIndex(of: "=") else {
      throw Failure(spec: spec, reason: "expected NAME=PATH_OR_URL")
    }
    let name = String(head[..<equals])
    let locationText = String(head[head.index(after: equals)...])
    guard !name.isEmpty, !locationText.isEmpty else {
      throw Failure(spec: spec, reason: "expected NAME=PATH_OR_URL")
    }
    var formatName: String?
    var column: CSVFeedParser.Column?
    for option in parts.dropFirst() {
      let pair = option.split(separator: "=", maxSplits: 1).map(String.init)
      guard pair.count == 2 else { throw Failure(spec: spec, reason: "option \"\(option)\"") }
      switch pair[0] {
      case "format": formatName = pair[1].lowercased()
      case "column": column = Int(pair[1]).map { .index($0) } ?? .name(pair[1])
      default: throw Failure(spec: spec, reason: "unknown option \"\(pair[0])\"")
      }
    }
    let lower = locationText.lowercased()
    let extensionFormat =
      lower.hasSuffix(".json") || lower.hasSuffix(".stix")
      ? "stix" : lower.hasSuffix(".csv") ? "csv" : "text"
    let format: ThreatFeed.Format
    switch formatName ?? (column != nil ? "csv" : extensionFormat) {
    case "text": format = .text
    case "stix": format = .stix
    case "csv": format = .csv(.init(column: column ?? .index(0)))
    case let other:
      throw Failure(spec: spec, reason: "format \"\(other)\" (use text, csv or stix)")
    }
    let location = ThreatFeed.Location(locationText)
    let interval: Duration
    switch location {
    case .file: interval = fileCheck
    case .url: interval = urlRefresh
    }
    return ThreatFeed(name: name, location: location, format: format, reloadInterval: interval)
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: Character) -> String {
    var text = Substring(self)
    while text.first == set { text = text.dropFirst() }
    while text.last == set { text = text.dropLast() }
    return String(text)
  }
}
