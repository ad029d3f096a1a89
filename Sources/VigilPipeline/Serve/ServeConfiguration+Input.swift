/// One value as a source gives it, before it is parsed: text (environment, flags, YAML scalars),
/// a list or a mapping (YAML only), with where it came from and the key path it sets.
struct ConfigInput: Sendable {
  /// The shapes a raw value takes.
  enum Raw: Sendable {
    /// A scalar.
    case text(String)
    /// A YAML sequence of scalars.
    case list([String])
    /// A YAML mapping of scalars (sink headers).
    case pairs([(String, String)])
    /// YAML `~`/`null`/empty, or an empty environment variable or flag.
    case null
    /// A shape no option takes (`a mapping`, `a nested list`).
    case other(String)
  }

  /// The value.
  var raw: Raw
  /// Where it came from.
  var location: ConfigurationError.Location
  /// The key path it sets, for messages (`limits.maxBodyBytes`, `sinks[1].url`).
  var path: String
  /// True for environment variables and flags, whose lists are comma-separated text.
  var splitsLists: Bool

  /// A value from an environment variable or a flag: empty text counts as null.
  static func text(_ text: String, at location: ConfigurationError.Location, path: String)
    -> ConfigInput
  {
    ConfigInput(
      raw: text.isEmpty ? .null : .text(text), location: location, path: path, splitsLists: true)
  }

  /// An error about this value.
  func error(_ code: ConfigurationError.Code, _ message: String) -> ConfigurationError {
    ConfigurationError(code, at: location, "\(path): \(message)")
  }

  /// How the value's shape reads in a message.
  var shapeName: String {
    switch raw {
    case .text: "text"
    case .list: "a list"
    case .pairs: "a mapping"
    case .null: "nothing"
    case .other(let name): name
    }
  }
}
