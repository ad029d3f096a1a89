import VigilCore

/// The end-of-run summary: events read, rejected lines with reasons, alerts per rule, throughput.
public struct Summary: Sendable {
  /// Bytes read from the inputs.
  public var bytesRead = 0
  /// Lines (or documents) read.
  public var linesRead = 0
  /// Events decoded.
  public var events = 0
  /// Problems by code.
  public var diagnosticsByCode: [InputDiagnostic.Code: Int] = [:]
  /// The first few problems, with positions.
  public var firstDiagnostics: [InputDiagnostic] = []
  /// Alerts reported (after aggregation) per rule.
  public var alertsByRule: [String: Int] = [:]
  /// Alerts reported per severity.
  public var alertsBySeverity: [Severity: Int] = [:]
  /// Wall-clock seconds.
  public var seconds = 0.0
  /// Peak resident memory of the process, in bytes, when known.
  public var peakMemoryBytes: Int?

  /// Creates an empty summary.
  public init() {}

  /// Total alerts reported.
  public var alertCount: Int { alertsByRule.values.reduce(0, +) }

  /// The summary as text for standard error.
  public func render() -> String {
    var out = "\nSummary\n"
    let rate = seconds > 0 ? Double(events) / seconds : 0
    let mbps = seconds > 0 ? Double(bytesRead) / seconds / 1e6 : 0
    out += "  read        \(Summary.grouped(events)) events, \(Summary.grouped(linesRead)) lines, "
    out += "\(Summary.bytes(bytesRead)) in \(Summary.fixed(seconds, 2)) s "
    out += "(\(Summary.grouped(Int(rate))) events/s, \(Summary.fixed(mbps, 1)) MB/s)\n"
    let problems = diagnosticsByCode.filter { $0.key != .duplicate }.values.reduce(0, +)
    out += "  rejected    \(problems)"
    if !diagnosticsByCode.isEmpty {
      out += " ("
      out += diagnosticsByCode.sorted { $0.key.rawValue < $1.key.rawValue }
        .map { "\($0.key.rawValue): \($0.value)" }.joined(separator: ", ")
      out += ")"
    }
    out += "\n"
    for diagnostic in firstDiagnostics { out += "      \(diagnostic)\n" }
    if let peakMemoryBytes {
      out += "  memory      peak \(Summary.bytes(peakMemoryBytes)) resident\n"
    }
    out += "  alerts      \(alertCount)"
    if !alertsBySeverity.isEmpty {
      out += " ("
      out += alertsBySeverity.sorted { $0.key > $1.key }.map { "\($0.key): \($0.value)" }
        .joined(separator: ", ")
      out += ")"
    }
    out += "\n"
    for (rule, count) in alertsByRule.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
      out += "      " + Summary.padLeft(String(count), 6) + "  \(rule)\n"
    }
    return out
  }

  /// `1,234,567`.
  public static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return n < 0 ? "-" + out : out
  }

  /// `12.3 MB`.
  public static func bytes(_ n: Int) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"]
    var value = Double(n)
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    return unit == 0 ? "\(n) B" : "\(fixed(value, 1)) \(units[unit])"
  }

  /// A number with `digits` decimals, without Foundation.
  public static func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "-" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = Int(scaled / scale)
    let frac = Int(scaled) - whole * Int(scale)
    var text = String(whole)
    if digits > 0 {
      let f = String(frac)
      text += "." + String(repeating: "0", count: digits - f.count) + f
    }
    return value < 0 && scaled != 0 ? "-" + text : text
  }

  /// Right-aligns text in a column.
  public static func padLeft(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }
}
