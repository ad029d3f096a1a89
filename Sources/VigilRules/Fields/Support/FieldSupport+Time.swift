import VigilCore

/// Falco's text forms of an event time.
extension FieldSupport {
  /// `jevt.time`: the time of day with nanoseconds, `13:07:36.911442000` (Falco prints it in the
  /// host's local time zone; Vigil prints UTC so outputs do not depend on where it runs).
  static func falcoTime(_ time: Timestamp) -> String {
    let ns = time.nanoseconds
    var seconds = ns / 1_000_000_000
    var fraction = ns % 1_000_000_000
    if fraction < 0 {
      fraction += 1_000_000_000
      seconds -= 1
    }
    var secondOfDay = seconds % 86_400
    if secondOfDay < 0 { secondOfDay += 86_400 }
    return pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":"
      + pad(secondOfDay % 60, 2) + "." + pad(fraction, 9)
  }

  /// `jevt.time.iso8601`: `2018-10-26T13:07:36.911442000Z` (nanoseconds, UTC).
  static func falcoISO8601(_ time: Timestamp) -> String {
    time.rfc3339(fractionDigits: 9)
  }

  /// `value` in decimal, zero-padded to `width` digits.
  private static func pad(_ value: Int64, _ width: Int) -> String {
    let s = String(value)
    return s.utf8.count >= width ? s : String(repeating: "0", count: width - s.utf8.count) + s
  }
}
