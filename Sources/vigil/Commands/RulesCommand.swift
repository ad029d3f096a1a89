import ArgumentParser

/// `vigil rules`: check, list and test rule files.
struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "Lint, list and test rules (Falco's rule syntax).",
    subcommands: [RulesLintCommand.self, RulesListCommand.self, RulesTestCommand.self])
}
