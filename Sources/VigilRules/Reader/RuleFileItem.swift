import VigilCore

/// One top-level entry of a rule file, as read (before define/append/override).
struct RuleFileItem: Sendable {
  /// What the entry declares.
  enum Kind: Sendable {
    case rule(RuleEntry)
    case macro(MacroEntry)
    case list(ListEntry)
    case requiredEngineVersion(String)
    case requiredPluginVersions
  }

  /// The declaration.
  var kind: Kind
  /// Where the entry starts.
  var location: SourceLocation
}

/// How an `override:` key changes an earlier definition.
enum OverrideMode: String, Sendable, Hashable {
  case append, replace
}

/// A `list:` entry.
struct ListEntry: Sendable {
  var name: String
  var location: SourceLocation
  var items: [ListItem]?
  var append: Bool
  var override: [String: OverrideMode]
}

/// One item of a list, with its position.
struct ListItem: Sendable, Hashable {
  var text: String
  var location: SourceLocation
}

/// A `macro:` entry.
struct MacroEntry: Sendable {
  var name: String
  var location: SourceLocation
  var condition: ConditionSource?
  var append: Bool
  var override: [String: OverrideMode]
}

/// A `rule:` entry; every property is optional because appends and overrides carry only some.
struct RuleEntry: Sendable {
  var name: String
  var location: SourceLocation
  var desc: String?
  var condition: ConditionSource?
  var output: ConditionSource?
  var priority: Severity?
  var tags: [String]?
  var source: String?
  var enabled: Bool?
  var exceptions: [ExceptionEntry]?
  var burst: BurstSpec?
  var append: Bool
  var override: [String: OverrideMode]
  /// The definition keys present (besides `rule`, `append`, `override`).
  var presentKeys: Set<String>
}

/// One entry of a rule's `exceptions:`.
struct ExceptionEntry: Sendable, Hashable {
  /// `fields: ka.user.name` (single) or `fields: [a, b]` (tuple).
  enum Fields: Sendable, Hashable {
    case single(ListItem)
    case tuple([ListItem])
  }

  /// One value of a tuple: a scalar or a list for `in`-like operators.
  enum Value: Sendable, Hashable {
    case item(ListItem)
    case list([ListItem])
  }

  var name: String
  var location: SourceLocation
  var fields: Fields?
  /// `comps:`, as written (single or tuple), or nil for the defaults.
  var comps: [ListItem]?
  /// Values: for the single form, one item per value; for the tuple form, one tuple per value.
  var values: [[Value]]
}
