import VigilCore

extension ScenarioReport {
  /// The table `vigil eval scenarios` prints.
  public var text: String {
    var lines: [String] = []
    let days = end.since(start) / .seconds(86_400)
    let learning = learningEnd.since(start) / .seconds(86_400)
    lines.append(
      "Scenario: \(Self.number(days)) simulated days (\(Self.number(learning)) learning), "
        + "\(auditEvents) audit events, \(flows) flows, \(alerts.count) alerts"
        + (diagnostics > 0 ? ", \(diagnostics) audit lines not decoded" : ""))
    lines.append("")
    let detected = attacks.filter(\.isDetected).count
    lines.append("Attacks: \(detected) of \(attacks.count) detected")
    var rows = [["attack", "injected", "detected", "after", "by"]]
    for result in attacks {
      rows.append([
        result.attack.id, result.attack.injectedAt.rfc3339(fractionDigits: 0),
        result.isDetected ? "yes" : "NO",
        result.timeToDetection.map(Self.duration) ?? "-",
        result.rules.isEmpty ? "-" : result.rules.joined(separator: "; "),
      ])
    }
    lines += Self.table(rows)
    lines.append("")
    lines.append(
      "False alerts after learning: \(falseAlerts.count) in \(Self.number(daysAfterLearning)) days = "
        + "\(Self.number(falseAlertsPerDay)) per day (target ≤ 5); by day: "
        + falseAlertsByDay.map { "day \($0.day) \($0.count)" }.joined(separator: ", "))
    var falseRows = [["count", "rule"]]
    for (rule, count) in Self.countByRule(falseAlerts) { falseRows.append([String(count), rule]) }
    if falseRows.count > 1 { lines += Self.table(falseRows) }
    if !informational.isEmpty {
      lines.append(
        "Audit-trail alerts below the counted severity after learning: \(informational.count)")
      var infoRows = [["count", "rule"]]
      for (rule, count) in Self.countByRule(informational) {
        infoRows.append([String(count), rule])
      }
      lines += Self.table(infoRows)
    }
    lines.append("Alerts during learning matched to no attack: \(learningAlerts.count)")
    lines.append(
      unexplained.isEmpty
        ? "Every alert explains itself (output, ATT&CK technique, controls)."
        : "Alerts that do not explain themselves: \(unexplained.count) ("
          + Self.countByRule(unexplained).map { "\($0.rule) ×\($0.count)" }.joined(separator: ", ")
          + ")")
    return lines.joined(separator: "\n") + "\n"
  }

  static func table(_ rows: [[String]]) -> [String] {
    guard let width = rows.map(\.count).max() else { return [] }
    var widths = Array(repeating: 0, count: width)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    return rows.map { row in
      row.enumerated().map { index, cell in
        index == row.count - 1
          ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
      }.joined(separator: "  ")
    }
  }

  static func number(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }

  static func duration(_ duration: Duration) -> String {
    let seconds = Int(duration.components.seconds)
    if seconds < 120 { return "\(seconds) s" }
    if seconds < 7200 { return "\(seconds / 60) min" }
    return "\(seconds / 3600) h"
  }
}
