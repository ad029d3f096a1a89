/// A YAML node copied out of Yams with its position, so later stages are plain `Sendable` values.
struct YAMLNode: Sendable {
  /// How a scalar was written; decides how text offsets map back to columns.
  enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
  }

  /// The node's content.
  enum Value: Sendable {
    case scalar(String, ScalarStyle)
    case sequence([YAMLNode])
    case mapping([YAMLPair])
  }

  /// The content.
  var value: Value
  /// Where the node starts.
  var location: SourceLocation
  /// For scalars: where each character of the text came from.
  var positions: ScalarPositionMap?

  /// The scalar's text; nil for collections.
  var scalarText: String? {
    if case .scalar(let text, _) = value { return text }
    return nil
  }

  /// The scalar as a YAML 1.1/1.2 boolean, when it is one.
  var boolValue: Bool? {
    guard case .scalar(let text, let style) = value, style == .plain else { return nil }
    switch text {
    case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
    case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
    default: return nil
    }
  }

  /// True for a plain `null`, `~` or empty scalar.
  var isNull: Bool {
    guard case .scalar(let text, let style) = value, style == .plain else { return false }
    return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
  }

  /// The items of a sequence; nil otherwise.
  var sequenceItems: [YAMLNode]? {
    if case .sequence(let items) = value { return items }
    return nil
  }

  /// The pairs of a mapping; nil otherwise.
  var mappingPairs: [YAMLPair]? {
    if case .mapping(let pairs) = value { return pairs }
    return nil
  }

  /// The value under a string key of a mapping.
  subscript(key: String) -> YAMLNode? {
    mappingPairs?.first { $0.key == key }?.value
  }

  /// A short name of the node's kind, for messages.
  var kindName: String {
    switch value {
    case .scalar: "a scalar"
    case .sequence: "a sequence"
    case .mapping: "a mapping"
    }
  }
}

/// One key/value pair of a mapping, with the key's position.
struct YAMLPair: Sendable {
  /// The key's text.
  var key: String
  /// Where the key is.
  var keyLocation: SourceLocation
  /// The value.
  var value: YAMLNode
}
