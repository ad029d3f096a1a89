/// One problem found while loading or linting rule files, with its position.
public struct RuleDiagnostic: Sendable, Hashable, CustomStringConvertible {
  /// How bad it is: errors stop loading, warnings are reported (as Falco does).
  public enum Severity: String, Sendable, Hashable {
    case error, warning
  }

  /// What went wrong.
  public var code: Code
  /// Error or warning.
  public var severity: Severity
  /// Where: file, line and column of the offending token.
  public var location: SourceLocation
  /// A human explanation.
  public var message: String
  /// Close known names ("did you mean …").
  public var suggestions: [String]

  /// Creates a diagnostic; severity defaults to the code's usual one.
  public init(
    _ code: Code, at location: SourceLocation, _ message: String, suggestions: [String] = [],
    severity: Severity? = nil
  ) {
    self.code = code
    self.severity = severity ?? code.defaultSeverity
    self.location = location
    self.message = message
    self.suggestions = suggestions
  }

  /// The file.
  public var file: String { location.file }
  /// The 1-based line.
  public var line: Int { location.line }
  /// The 1-based column.
  public var column: Int { location.column }

  /// `file:line:column: error CODE: message (did you mean x?)`.
  public var description: String {
    var text = "\(location): \(severity.rawValue) \(code.rawValue): \(message)"
    if !suggestions.isEmpty {
      text += " (did you mean \(suggestions.joined(separator: " or "))?)"
    }
    return text
  }
}

