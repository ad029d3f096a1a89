import VigilJSON

/// Reads STIX 2.1 indicators: a bundle (`{"type":"bundle","objects":[…]}`), a bare array of
/// objects, or a single indicator object. Objects of type `indicator` with `pattern_type` `stix`
/// (absent counts as stix, as in STIX 2.0) contribute every `=` (or `ISSUBSET`) comparison on
/// `ipv4-addr:value`, `ipv6-addr:value`, `domain-name:value` and `url:value` joined by OR;
/// `name` and `description` become the indicator's description. Revoked indicators, other
/// pattern types and patterns that need more than one flow field (AND, FOLLOWEDBY, hashes) are
/// skipped and reported with their object index. Other object types are ignored. Pure.
public enum STIXFeedParser {
  /// Parses `bytes` as feed `feed`.
  public static func parse(_ bytes: [UInt8], feed: String) -> FeedParseResult {
    var result = FeedParseResult()
    let document: JSONDocument
    do {
      document = try JSONDocument(parsing: bytes)
    } catch {
      result.skip(FeedProblem(code: .invalidJSON, position: 0, detail: error.description))
      return result
    }
    let root = document.root
    let objects: [JSONValue]
    switch root.kind {
    case .array:
      objects = root.elements
    case .object:
      if let list = root["objects"], list.kind == .array {
        objects = list.elements
      } else if root["type"]?.string == "indicator" {
        objects = [root]
      } else {
        result.skip(FeedProblem(code: .notABundle, position: 0, detail: root["type"]?.string ?? ""))
        return result
      }
    default:
      result.skip(FeedProblem(code: .notABundle, position: 0, detail: ""))
      return result
    }
    for (index, object) in objects.enumerated() {
      guard object.kind == .object, object["type"]?.string == "indicator" else { continue }
      read(object, index: index, feed: feed, into: &result)
    }
    return result
  }

  private static func read(
    _ object: JSONValue, index: Int, feed: String, into result: inout FeedParseResult
  ) {
    let id = object["id"]?.string ?? "#\(index)"
    if object["revoked"]?.bool == true {
      result.skip(FeedProblem(code: .revoked, position: index, detail: id))
      return
    }
    if let type = object["pattern_type"]?.string, type.lowercased() != "stix" {
      result.skip(
        FeedProblem(code: .unsupportedPatternType, position: index, detail: "\(id) \(type)"))
      return
    }
    guard let pattern = object["pattern"]?.string else {
      result.skip(FeedProblem(code: .missingPattern, position: index, detail: id))
      return
    }
    let name = object["name"]?.string
    let about = object["description"]?.string
    let description: String? =
      switch (name, about) {
      case (let n?, let d?): n == d ? n : "\(n): \(d)"
      case (let n?, nil): n
      case (nil, let d?): d
      case (nil, nil): nil
      }
    let comparisons: [STIXPattern.Comparison]
    switch STIXPattern.comparisons(in: pattern) {
    case .comparisons(let list): comparisons = list
    case .refused(let problem):
      result.skip(FeedProblem(code: problem, position: index, detail: "\(id) \(pattern)"))
      return
    }
    var added = 0
    for comparison in comparisons {
      guard let expected = comparison.expectedKinds else { continue }
      switch IndicatorText.classify(comparison.value) {
      case .indicator(let kind, let value, let host) where expected.contains(kind):
        result.indicators.append(
          Indicator(kind: kind, value: value, host: host, feed: feed, description: description))
        added += 1
      case .indicator:
        result.skip(
          FeedProblem(code: .invalidPattern, position: index, detail: "\(id) \(comparison.value)"))
      case .invalid(let code):
        result.skip(FeedProblem(code: code, position: index, detail: "\(id) \(comparison.value)"))
      }
    }
    if added == 0 && comparisons.allSatisfy({ $0.expectedKinds == nil }) {
      result.skip(
        FeedProblem(code: .unsupportedPattern, position: index, detail: "\(id) \(pattern)"))
    }
  }
}
