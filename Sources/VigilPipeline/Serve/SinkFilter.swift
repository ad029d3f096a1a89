import VigilCore

/// Which alerts a sink takes: a minimum priority, rule allow and deny lists, and tags.
public struct SinkFilter: Sendable, Hashable {
  /// Alerts below this priority are dropped.
  public var minimumSeverity: Severity
  /// Only these rules (empty: all).
  public var rules: Set<String>
  /// Never these rules.
  public var excludeRules: Set<String>
  /// Only alerts with at least one of these tags (empty: all).
  public var tags: Set<String>

  /// The filter a sink's configuration describes.
  public init(_ configuration: SinkConfiguration) {
    minimumSeverity = configuration.minimumSeverity
    rules = Set(configuration.rules)
    excludeRules = Set(configuration.excludeRules)
    tags = Set(configuration.tags)
  }

  /// True when the sink takes `alert`.
  public func accepts(_ alert: Alert) -> Bool {
    guard alert.severity >= minimumSeverity else { return false }
    guard !excludeRules.contains(alert.rule) else { return false }
    guard rules.isEmpty || rules.contains(alert.rule) else { return false }
    return tags.isEmpty || alert.tags.contains { tags.contains($0) }
  }
}
