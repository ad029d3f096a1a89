import VigilCore

/// Reads the timestamps of audit events. The API server always writes the same form,
/// `2024-05-01T10:00:00.123456Z`, so that form is read with fixed offsets; anything else goes
/// to `Timestamp(rfc3339Bytes:)`, which gives the same result for the fixed form too.
enum AuditTimestamp {
  /// The time in `bytes`; nil when it is not RFC 3339.
  static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
    let n = b.count
    // `YYYY-MM-DDTHH:MM:SSZ` or with `.` and 1 to 9 fraction digits before the `Z`.
    guard n >= 20, n <= 30, n != 21, b[n - 1] == 0x5A, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54,
      b[13] == 0x3A, b[16] == 0x3A, n == 20 || b[19] == 0x2E
    else { return Timestamp(rfc3339Bytes: b) }
    @inline(__always) func digit(_ i: Int) -> Int { Int(b[i] &- 0x30) }
    var bad = false
    @inline(__always) func number(_ from: Int, _ count: Int) -> Int {
      var value = 0
      for i in from..<(from + count) {
        let d = digit(i)
        if d > 9 { bad = true }  // `&-` wraps bytes below "0" above 9 too
        value = value &* 10 &+ d
      }
      return value
    }
    let year = number(0, 4)
    let month = number(5, 2)
    let day = number(8, 2)
    let hour = number(11, 2)
    let minute = number(14, 2)
    let second = number(17, 2)
    var fraction: Int64 = 0
    if n > 20 {
      var scale: Int64 = 100_000_000
      for i in 20..<(n - 1) {
        let d = digit(i)
        if d > 9 { bad = true }
        fraction &+= Int64(d) &* scale
        scale /= 10
      }
    }
    guard !bad, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
      second < 61
    else { return Timestamp(rfc3339Bytes: b) }
    let secs =
      Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400
      + Int64(hour * 3600 + minute * 60 + second)
    let (nanos, overflow) = secs.multipliedReportingOverflow(by: 1_000_000_000)
    let (total, overflow2) = nanos.addingReportingOverflow(fraction)
    return overflow || overflow2 ? nil : Timestamp(nanoseconds: total)
  }

  /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm, as in
  /// `Timestamp`).
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
