/// An indicator that matched, and the value of the flow it matched on.
public struct IndicatorMatch: Sendable, Hashable {
  /// The indicator.
  public var indicator: Indicator
  /// What matched it: an address of the flow, or the name the source resolved.
  public var matched: String
  /// How many indicators from other feeds (or other entries) matched the same key as well.
  public var alsoListedBy: [String]

  /// Creates a match.
  public init(indicator: Indicator, matched: String, alsoListedBy: [String] = []) {
    self.indicator = indicator
    self.matched = matched
    self.alsoListedBy = alsoListedBy
  }
}
