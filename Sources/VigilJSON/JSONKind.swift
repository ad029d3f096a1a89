/// The six kinds of JSON value.
public enum JSONKind: Sendable, Equatable {
  /// `{ ... }`
  case object
  /// `[ ... ]`
  case array
  /// `"..."`
  case string
  /// `-1.5e3`
  case number
  /// `true` or `false`
  case bool
  /// `null`
  case null
}
