import ArgumentParser
import Foundation
import VigilRules

/// `vigil rules lint`: every problem in rule files, with file, line and column.
struct RulesLintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lint",
    abstract:
      "Check rule files: syntax, unknown fields (with suggestions), undefined macros and lists.",
    discussion:
      "Files load in the order given, as `analyze --rules` would load them. Exits 1 when there are errors."
  )

  @Argument(help: "Rule files or directories (default: Vigil's rule packs).")
  var paths: [String] = []

  @Flag(help: "Treat warnings as errors.")
  var strict = false

  func run() throws {
    let files = try RuleOptions.files(paths)
    let diagnostics = RuleLinter().lint(files: files)
    for diagnostic in diagnostics { print(diagnostic) }
    let errors = diagnostics.filter { $0.severity == .error || (strict && $0.severity == .warning) }
    let warnings = diagnostics.count - diagnostics.filter { $0.severity == .error }.count
    print(
      "\(files.count) file(s): \(diagnostics.filter { $0.severity == .error }.count) error(s), \(warnings) warning(s)"
    )
    if !errors.isEmpty { throw ExitCode(1) }
  }
}
