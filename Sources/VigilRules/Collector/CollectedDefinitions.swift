import VigilCore

/// A list after define/append/override.
struct CollectedList: Sendable {
  var name: String
  var location: SourceLocation
  var items: [ListItem]
}

/// A macro after define/append/override.
struct CollectedMacro: Sendable {
  var name: String
  var location: SourceLocation
  var condition: ConditionSource
}

/// A rule after define/append/override.
struct CollectedRule: Sendable {
  var name: String
  var location: SourceLocation
  var desc: String
  var condition: ConditionSource
  var output: ConditionSource
  var priority: Severity
  var tags: [String]
  var source: String
  var enabled: Bool
  var exceptions: [ExceptionEntry]
  var burst: BurstSpec?
}
