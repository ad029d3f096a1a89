/// Loading rule files failed: every error found (and the warnings beside them).
public struct RuleLoadError: Error, Sendable, CustomStringConvertible {
  /// All diagnostics, errors first in file order.
  public var diagnostics: [RuleDiagnostic]

  /// Creates an error from diagnostics (at least one should be an error).
  public init(diagnostics: [RuleDiagnostic]) {
    self.diagnostics = diagnostics
  }

  /// Only the errors.
  public var errors: [RuleDiagnostic] { diagnostics.filter { $0.severity == .error } }

  /// One diagnostic per line, errors only.
  public var description: String {
    errors.map(\.description).joined(separator: "\n")
  }
}
