/// Why `vigil serve`'s configuration could not be resolved: a code, where the offending value
/// came from (file position, environment variable or flag) and a message naming the key.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The kinds of configuration error.
  public enum Code: String, Sendable, Hashable, CaseIterable {
    /// A file (the configuration, a token or secret file) could not be read.
    case unreadableFile
    /// The configuration file is not valid YAML, or not one mapping.
    case invalidYAML
    /// A key, flag or sink option that does not exist.
    case unknownKey
    /// The same key twice in one mapping.
    case duplicateKey
    /// A value of the wrong shape (a list where a number goes, a mapping where text goes).
    case wrongType
    /// A value of the right shape that is not allowed (`urgent` as a priority, `-1` as a size).
    case invalidValue
    /// A required value is absent (a webhook sink without `url`).
    case missingValue
    /// Values that cannot go together (TLS key without certificate, two sinks with one name).
    case conflict
  }

  /// Where a value came from.
  public enum Location: Sendable, Hashable, CustomStringConvertible {
    /// A position in the configuration file (1-based line and column; 0 when unknown).
    case file(path: String, line: Int, column: Int)
    /// An environment variable.
    case environment(String)
    /// A command-line flag (name without dashes).
    case flag(String)
    /// The built-in default.
    case defaults

    /// `config.yaml:3:7`, `env VIGIL_TLS_KEY`, `flag --tls-key`, `default`.
    public var description: String {
      switch self {
      case .file(let path, let line, let column):
        line == 0 ? path : "\(path):\(line):\(column)"
      case .environment(let name): "env \(name)"
      case .flag(let name): "flag --\(name)"
      case .defaults: "default"
      }
    }
  }

  /// The kind of error.
  public var code: Code
  /// Where the offending value came from.
  public var location: Location
  /// What is wrong, starting with the key path (`sinks[1].minimumPriority: …`).
  public var message: String

  /// Creates an error.
  public init(_ code: Code, at location: Location, _ message: String) {
    self.code = code
    self.location = location
    self.message = message
  }

  /// A short label for the code, as diagnostics print it.
  public var label: String {
    switch code {
    case .unreadableFile: "unreadable file"
    case .invalidYAML: "invalid YAML"
    case .unknownKey: "unknown key"
    case .duplicateKey: "duplicate key"
    case .wrongType: "wrong type"
    case .invalidValue: "invalid value"
    case .missingValue: "missing value"
    case .conflict: "conflict"
    }
  }

  /// `location: label: message`, e.g. `config.yaml:9:22: invalid value: sinks[1].minimumPriority: …`.
  public var description: String { "\(location): \(label): \(message)" }
}
