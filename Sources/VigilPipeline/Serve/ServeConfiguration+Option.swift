extension ServeConfiguration {
  /// One setting of `vigil serve`: its key in the config file, its environment variable and flag
  /// (both derived from the key), its default and help, and how a value of it is applied.
  public struct Option: Sendable {
    /// The dotted camelCase key path in the config file (`tls.clientCA`).
    public let key: String
    /// The default, as the docs show it.
    public let defaultText: String
    /// One line of help.
    public let help: String
    /// Parses a value and sets it on a configuration.
    let apply: @Sendable (inout ServeConfiguration, ConfigInput) throws(ConfigurationError) -> Void

    /// Creates an option from a parser and a setter.
    init<Value>(
      _ key: String, default defaultText: String, _ help: String,
      parse: @escaping @Sendable (ConfigInput) throws(ConfigurationError) -> Value,
      set: @escaping @Sendable (inout ServeConfiguration, Value) -> Void
    ) {
      self.key = key
      self.defaultText = defaultText
      self.help = help
      self.apply = { (configuration, input) throws(ConfigurationError) in
        set(&configuration, try parse(input))
      }
    }

    /// The environment variable: `VIGIL_` and the key's words in upper case (`VIGIL_TLS_CLIENT_CA`).
    public var environment: String {
      "VIGIL_" + OptionName.words(key).map { $0.uppercased() }.joined(separator: "_")
    }

    /// The flag name without dashes: the key's words in lower case (`tls-client-ca`).
    public var flag: String { OptionName.words(key).map { $0.lowercased() }.joined(separator: "-") }
  }
}

/// Splits option keys into words for environment and flag names.
enum OptionName {
  /// `tls.clientCA` → `tls`, `client`, `CA`; `limits.maxBodyBytes` → `limits`, `max`, `body`,
  /// `bytes`.
  static func words(_ key: String) -> [String] {
    var words: [String] = []
    for part in key.split(separator: ".") {
      let characters = Array(part)
      var word = ""
      for (index, character) in characters.enumerated() {
        let previous = index > 0 ? characters[index - 1] : nil
        let next = index + 1 < characters.count ? characters[index + 1] : nil
        let startsWord =
          character.isUppercase
          && ((previous.map { $0.isLowercase || $0.isNumber } ?? false)
            || ((previous?.isUppercase ?? false) && (next?.isLowercase ?? false)))
        if startsWord, !word.isEmpty {
          words.append(word)
          word = ""
        }
        word.append(character)
      }
      if !word.isEmpty { words.append(word) }
    }
    return words
  }

  /// `minimumPriority` → `MINIMUM_PRIORITY`.
  static func screamingSnake(_ key: String) -> String {
    words(key).map { $0.uppercased() }.joined(separator: "_")
  }
}
