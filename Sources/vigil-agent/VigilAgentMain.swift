import ArgumentParser
import VigilAgentCommand

/// `vigil-agent`: the node agent alone (what the DaemonSet runs): the options and behaviour of
/// `vigil agent`, in a binary without the server, the store or the rule engine.
@main
struct VigilAgentMain: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vigil-agent", abstract: AgentCommand.configuration.abstract,
    discussion: AgentCommand.configuration.discussion)

  @OptionGroup var agent: AgentCommand

  func run() async throws { try await agent.run() }
}
