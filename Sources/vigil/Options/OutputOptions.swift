import ArgumentParser
import VigilCore
import VigilPipeline

extension AlertFormat: ExpressibleByArgument {}

extension Severity: ExpressibleByArgument {
  public init?(argument: String) { self.init(parsing: argument) }
  public static var allValueStrings: [String] {
    ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"]
  }
}

/// How alerts are printed and which are shown, shared by `analyze`, `demo` and `alerts`.
struct OutputOptions: ParsableArguments {
  @Option(
    name: [.customLong("output"), .customShort("o")],
    help:
      "Alert format: table (default on a terminal), json (JSON lines), falco (Falco's JSON alert format, for Falcosidekick)."
  )
  var format: AlertFormat?

  @Option(
    name: [.customLong("severity"), .customLong("min-priority")],
    help:
      "Report only alerts of at least this priority (debug, info, notice, warning, error, critical, alert, emergency)."
  )
  var minimumSeverity: Severity = .debug
}
