import VigilCore

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

  /// Parses `30s`, `5m`, `1h`, `1h30m` or a bare number of seconds (`DurationText`); nil when
  /// malformed or not positive.
  public static func parseWindow(_ text: String) -> Duration? {
    guard let window = DurationText.parse(text.trimmingSpaces), window > .zero else { return nil }
    return window
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
