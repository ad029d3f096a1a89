import VigilCore

/// How alerts are printed: a readable table (default on a terminal), JSON lines, or Falco's JSON
/// alert format that Falcosidekick takes as it is.
public enum AlertFormat: String, Sendable, CaseIterable {
  /// A readable table.
  case table
  /// One JSON object per line, every field of the alert.
  case json
  /// Falco's JSON output: `time, rule, priority, source, hostname, output, tags, output_fields`.
  case falco

  /// Renders alerts in this format (the table's header comes first when `header` is true).
  public func render(_ alerts: [Alert], header: Bool, colors: Bool = false) -> String {
    switch self {
    case .table: AlertTable.render(alerts, header: header, colors: colors)
    case .json: alerts.map(AlertJSON.line).joined()
    case .falco: alerts.map { FalcoAlertJSON.line($0) }.joined()
    }
  }
}
