import Foundation

/// Loads rule files and reports every problem (not just the first): syntax errors at their
/// column, unknown fields with "did you mean", undefined macros, unknown keys, bad priorities,
/// unused macros and lists. Used by `vigil rules lint`.
public struct RuleLinter: Sendable {
  /// The loader settings (registry, evaluated sources).
  public var loader: RuleLoader

  /// Creates a linter.
  public init(registry: FieldRegistry = .standard) {
    loader = RuleLoader(registry: registry)
  }

  /// All diagnostics of the files loaded in order, sorted by file order, line and column.
  public func lint(files: [URL]) -> [RuleDiagnostic] {
    sorted(loader.diagnose(files: files).diagnostics, order: files.map(\.path))
  }

  /// All diagnostics of named texts loaded in order.
  public func lint(texts: [(name: String, text: String)]) -> [RuleDiagnostic] {
    sorted(loader.diagnose(texts: texts).diagnostics, order: texts.map(\.name))
  }

  private func sorted(_ diagnostics: [RuleDiagnostic], order: [String]) -> [RuleDiagnostic] {
    let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    var seen: Set<RuleDiagnostic> = []
    return diagnostics.filter { seen.insert($0).inserted }.sorted { a, b in
      let (ra, rb) = (rank[a.file] ?? Int.max, rank[b.file] ?? Int.max)
      if ra != rb { return ra < rb }
      if a.line != b.line { return a.line < b.line }
      return a.column < b.column
    }
  }
}
