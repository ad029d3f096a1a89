import ArgumentParser
import VigilAgentCommand

/// `vigil`: Kubernetes runtime security monitor.
@main
struct Vigil: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vigil",
    abstract:
      "Kubernetes runtime security monitor: audit-log analysis and a live audit webhook with Falco-compatible rules.",
    discussion: """
      Start with `vigil demo`: it analyzes a day of a small cluster's audit log shipped with Vigil \
      and shows what it finds. Then point `vigil analyze` at your own audit log.
      """,
    version: "0.1.0",
    subcommands: [
      DemoCommand.self, AnalyzeCommand.self, AlertsCommand.self, RulesCommand.self,
      FieldsCommand.self, BenchCommand.self, ServeCommand.self, SuppressCommand.self,
      InventoryCommand.self, ExposureCommand.self, GraphCommand.self, AgentCommand.self,
      RBACCommand.self, EvalCommand.self, BaselineCommand.self,
    ]
  )
}
