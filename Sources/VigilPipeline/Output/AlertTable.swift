import VigilCore

/// Alerts as a readable terminal table: one row per alert with when, how bad, which rule, who,
/// what, and the count; the rule's output text on the line below.
public enum AlertTable {
  /// Renders rows (and the header when asked).
  public static func render(_ alerts: [Alert], header: Bool, colors: Bool) -> String {
    var out = ""
    if header {
      out += row("TIME", "PRIORITY", "RULE", "USER", "TARGET", "COUNT") + "\n"
    }
    for alert in alerts {
      let time = String(
        alert.time.rfc3339(fractionDigits: 0).prefix(19).map { $0 == "T" ? " " : $0 })
      var severity = alert.severity.description
      let target = [
        alert.subject.resource,
        alert.subject.namespace.map { $0 + "/" }.map { $0 + (alert.subject.name ?? "") }
          ?? alert.subject.name,
      ].compactMap { $0 }.joined(separator: " ")
      var line = row(
        time, severity, alert.rule, alert.subject.user ?? "-", target.isEmpty ? "-" : target,
        String(alert.count))
      if colors {
        severity = color(for: alert.severity)
        line = severity + line + "\u{1b}[0m"
      }
      out += line + "\n    " + alert.output + "\n"
    }
    return out
  }

  private static func row(
    _ a: String, _ b: String, _ c: String, _ d: String, _ e: String, _ f: String
  ) -> String {
    pad(a, 20) + pad(b, 10) + pad(c, 40) + pad(d, 36) + pad(e, 44) + f
  }

  private static func pad(_ text: String, _ width: Int) -> String {
    let clipped = text.count >= width ? String(text.prefix(width - 2)) + "…" : text
    return clipped + String(repeating: " ", count: max(1, width - clipped.count))
  }

  private static func color(for severity: Severity) -> String {
    switch severity {
    case .emergency, .alert, .critical, .error: "\u{1b}[31m"
    case .warning: "\u{1b}[33m"
    case .notice: "\u{1b}[36m"
    case .informational, .debug: ""
    }
  }
}
