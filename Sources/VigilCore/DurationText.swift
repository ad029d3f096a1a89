/// Durations as people write them in flags and rule files: `90s`, `5m`, `24h`, `7d`, `1h30m`, `250ms`.
public enum DurationText {
  /// Parses a duration; nil when malformed. A bare number means seconds.
  public static func parse(_ text: String) -> Duration? {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else { return nil }
    var total: Int64 = 0  // milliseconds
    var i = 0
    while i < bytes.count {
      var number: Int64 = 0
      let start = i
      while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
        let (m, o1) = number.multipliedReportingOverflow(by: 10)
        let (a, o2) = m.addingReportingOverflow(Int64(bytes[i] - 48))
        guard !o1, !o2 else { return nil }
        number = a
        i += 1
      }
      guard i > start else { return nil }
      var unit = ""
      while i < bytes.count, !(bytes[i] >= 48 && bytes[i] <= 57) {
        unit.append(Character(Unicode.Scalar(bytes[i])))
        i += 1
      }
      let scale: Int64
      switch unit {
      case "ms": scale = 1
      case "", "s": scale = 1000
      case "m": scale = 60_000
      case "h": scale = 3_600_000
      case "d": scale = 86_400_000
      case "w": scale = 604_800_000
      default: return nil
      }
      let (part, o3) = number.multipliedReportingOverflow(by: scale)
      let (sum, o4) = total.addingReportingOverflow(part)
      guard !o3, !o4 else { return nil }
      total = sum
    }
    return .milliseconds(total)
  }

  /// Formats a duration compactly: `60s`, `5m`, `2h`, `1d`, `1h30m`.
  public static func format(_ duration: Duration) -> String {
    let (seconds, atto) = duration.components
    if seconds == 0 && atto != 0 { return "\(atto / 1_000_000_000_000_000)ms" }
    var rest = seconds
    var out = ""
    for (unit, size) in [("d", Int64(86_400)), ("h", 3600), ("m", 60)] where rest >= size {
      out += "\(rest / size)\(unit)"
      rest %= size
    }
    if rest > 0 || out.isEmpty { out += "\(rest)s" }
    return out
  }
}
