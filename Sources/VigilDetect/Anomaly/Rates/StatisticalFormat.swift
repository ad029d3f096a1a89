/// Number formatting for anomaly explanations: `1,240`, `3.5`, `12.4 MB`.
public enum StatisticalFormat {
  /// A count or amount: thousands separated, one decimal below 100 when not whole.
  public static func number(_ value: Double) -> String {
    guard value.isFinite else { return value > 0 ? "∞" : "-∞" }
    if abs(value) < 100, value != value.rounded() {
      return String((value * 10).rounded() / 10)
    }
    let whole = Int64(value.rounded())
    let digits = String(whole.magnitude)
    var out = ""
    for (i, digit) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(digit)
    }
    return whole < 0 ? "-" + out : out
  }

  /// A byte count with a decimal unit: `940 B`, `12.4 MB`.
  public static func bytes(_ value: Double) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"]
    var scaled = value
    var unit = 0
    while abs(scaled) >= 1000, unit < units.count - 1 {
      scaled /= 1000
      unit += 1
    }
    if unit == 0 { return "\(number(scaled)) B" }
    return "\(String((scaled * 10).rounded() / 10)) \(units[unit])"
  }

  /// A value of `series`: bytes for `bytesOut`, a plain number otherwise.
  public static func amount(_ value: Double, of series: SeriesKind) -> String {
    series == .bytesOut ? bytes(value) : number(value)
  }

  /// A duration of learning: `3 h`, `2 d`, `6 weeks`.
  public static func span(seconds: Double) -> String {
    if seconds >= 14 * 86_400 { return "\(Int(seconds / (7 * 86_400))) weeks" }
    if seconds >= 2 * 86_400 { return "\(Int(seconds / 86_400)) d" }
    if seconds >= 3_600 { return "\(Int(seconds / 3_600)) h" }
    return "\(max(0, Int(seconds / 60))) min"
  }

  /// What a series counts, for sentences: `API writes`, `401/403 responses`.
  public static func noun(_ series: SeriesKind) -> String {
    switch series {
    case .apiCalls: "API calls"
    case .writes: "API writes"
    case .authFailures: "401/403 responses"
    case .connections: "connections"
    case .failedConnections: "failed connections"
    case .bytesOut: "bytes sent"
    }
  }
}
