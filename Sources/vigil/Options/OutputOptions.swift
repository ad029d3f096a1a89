import ArgumentParser
import VigilCore
import VigilPipeline

extension AlertFormat: ExpressibleByArgument {}

/// The priorities as flags spell them, lowest first.
let severityNames = [
  "debug", "info", "notice", "warning", "error", "critical", "alert", "emergency",
]

/// Parses a `--severity` value, or explains what is accepted.
func parseSeverity(_ text: String) throws -> Severity {
  guard let severity = Severity(parsing: text) else {
    throw ValidationError(
      "--severity: expected one of \(severityNames.joined(separator: ", ")), got \(text)")
  }
  return severity
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
    help: ArgumentHelp(
      "Report only alerts of at least this priority: debug, info, notice, warning, error, critical, alert, emergency.",
      valueName: "priority"))
  var severity: String = "debug"

  /// The minimum severity asked for.
  var minimumSeverity: Severity { Severity(parsing: severity) ?? .debug }

  func validate() throws { _ = try parseSeverity(severity) }
}
