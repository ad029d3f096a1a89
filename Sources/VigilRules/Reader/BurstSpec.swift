/// Vigil's one extension to Falco's rule syntax: `burst: {count: 10, window: 60s, by: [ka.user.name]}`
/// makes a rule fire once when `count` matching events with the same `by` values occur within
/// `window`. The state is kept by VigilDetect; the rule engine only parses and validates it.
public struct BurstSpec: Sendable, Hashable {
  /// Matching events needed to fire.
  public var count: Int
  /// The sliding window.
  public var window: Duration
  /// Field references (`ka.user.name`, `ka.uri.param[command]`) whose values group events.
  public var by: [String]

  /// Creates a burst specification.
  public init(count: Int, window: Duration, by: [String]) {
    self.count = count
    self.window = window
    self.by = by
  }

  /// Parses `30s`, `5m`, `1h`, `2d` or a bare number of seconds; nil when malformed or not positive.
  public static func parseWindow(_ text: String) -> Duration? {
    let trimmed = text.trimmingSpaces
    guard let last = trimmed.last else { return nil }
    let unit: Int64
    var digits = Substring(trimmed)
    switch last {
    case "s": unit = 1
    case "m": unit = 60
    case "h": unit = 3600
    case "d": unit = 86_400
    default: unit = 1
    }
    if last.isLetter { digits = digits.dropLast() }
    guard let value = Int64(digits), value > 0 else { return nil }
    let (seconds, overflow) = value.multipliedReportingOverflow(by: unit)
    return overflow ? nil : .seconds(seconds)
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and newlines.
  var trimmingSpaces: String {
    let scalars = unicodeScalars
    guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    guard let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    return String(scalars[start...end])
  }
}
