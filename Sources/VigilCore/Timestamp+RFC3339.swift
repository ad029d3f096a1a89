extension Timestamp {
  /// Parses RFC 3339 (`2018-10-26T13:42:46.764713Z`, `…+02:00`, a space instead of `T`); nil if malformed.
  public init?(rfc3339 text: String) {
    var text = text
    let parsed: Int64? = text.withUTF8 { Timestamp.parseRFC3339($0) }
    guard let parsed else { return nil }
    self.init(nanoseconds: parsed)
  }

  /// Parses RFC 3339 from UTF-8 bytes; nil if malformed.
  public init?(rfc3339Bytes bytes: UnsafeBufferPointer<UInt8>) {
    guard let parsed = Timestamp.parseRFC3339(bytes) else { return nil }
    self.init(nanoseconds: parsed)
  }

  /// Nanoseconds since the epoch for RFC 3339 `b`; nil if malformed.
  ///
  /// The API server always writes one form, `2024-05-01T10:00:00.123456Z` (UTC, 0 to 9 fraction
  /// digits), so that form is read with fixed offsets; anything else goes to
  /// `parseRFC3339General`, which gives the same result for the fixed form too.
  static func parseRFC3339(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
    let n = b.count
    // `YYYY-MM-DDTHH:MM:SSZ` or with `.` and 1 to 9 fraction digits before the `Z`.
    guard n >= 20, n <= 30, n != 21, b[n - 1] == 0x5A, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54,
      b[13] == 0x3A, b[16] == 0x3A, n == 20 || b[19] == 0x2E
    else { return parseRFC3339General(b) }
    var bad = false
    @inline(__always) func digit(_ i: Int) -> Int { Int(b[i] &- 0x30) }
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
    else { return parseRFC3339General(b) }
    let secs =
      Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400
      + Int64(hour * 3600 + minute * 60 + second)
    let (nanos, overflow) = secs.multipliedReportingOverflow(by: 1_000_000_000)
    let (total, overflow2) = nanos.addingReportingOverflow(fraction)
    return overflow || overflow2 ? nil : total
  }

  /// `parseRFC3339` for every form: `T`, `t` or a space; `Z`, `z` or a numeric offset; any
  /// number of fraction digits.
  static func parseRFC3339General(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
    guard b.count >= 19 else { return nil }
    func digits(_ from: Int, _ count: Int) -> Int? {
      var value = 0
      for i in from..<(from + count) {
        let c = b[i]
        guard c >= 48, c <= 57 else { return nil }
        value = value * 10 + Int(c - 48)
      }
      return value
    }
    guard let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45,
      let day = digits(8, 2), b[10] == 84 || b[10] == 116 || b[10] == 32,
      let hour = digits(11, 2), b[13] == 58, let minute = digits(14, 2), b[16] == 58,
      let second = digits(17, 2),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    var i = 19
    var fraction: Int64 = 0
    if i < b.count, b[i] == 46 {
      i += 1
      var scale: Int64 = 100_000_000
      let start = i
      while i < b.count, b[i] >= 48, b[i] <= 57 {
        fraction += Int64(b[i] - 48) * scale
        scale /= 10
        i += 1
      }
      guard i > start else { return nil }
    }
    var offsetSeconds = 0
    guard i < b.count else { return nil }
    switch b[i] {
    case 90, 122: i += 1  // Z z
    case 43, 45:  // + -
      guard i + 6 <= b.count, let oh = digits(i + 1, 2), b[i + 3] == 58, let om = digits(i + 4, 2)
      else { return nil }
      offsetSeconds = (oh * 3600 + om * 60) * (b[i] == 43 ? 1 : -1)
      i += 6
    default: return nil
    }
    guard i == b.count else { return nil }
    let days = Timestamp.daysFromCivil(year: year, month: month, day: day)
    let secs = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
    // Years far from 1970 (outside about 1678–2261) do not fit in Int64 nanoseconds: malformed.
    let (nanos, overflow) = secs.multipliedReportingOverflow(by: 1_000_000_000)
    let (total, overflow2) = nanos.addingReportingOverflow(fraction)
    return overflow || overflow2 ? nil : total
  }

  /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// Year, month, day for days since 1970-01-01.
  static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// RFC 3339 in UTC (`Z`) with 0 to 9 fraction digits.
  public func rfc3339(fractionDigits: Int = 6) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(32)
    appendRFC3339(to: &out, fractionDigits: fractionDigits)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends ``rfc3339(fractionDigits:)``'s text to `out` as UTF-8, without building strings
  /// (the node agent writes two per flow record).
  public func appendRFC3339(to out: inout [UInt8], fractionDigits: Int = 6) {
    let secs =
      nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds - 999_999_999) / 1_000_000_000
    let nanos = nanoseconds - secs * 1_000_000_000
    let days = Int(secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400)
    let secOfDay = Int(secs - Int64(days) * 86_400)
    let (y, m, d) = Timestamp.civilFromDays(days)
    @inline(__always) func digits(_ value: Int, _ width: Int) {
      var divisor = 1
      for _ in 1..<width { divisor &*= 10 }
      var rest = value
      while divisor > 0 {
        out.append(0x30 &+ UInt8(truncatingIfNeeded: rest / divisor))
        rest %= divisor
        divisor /= 10
      }
    }
    if (0...9999).contains(y) {
      digits(y, 4)
    } else {
      out += Array(String(y).utf8)
    }
    out.append(0x2D)
    digits(m, 2)
    out.append(0x2D)
    digits(d, 2)
    out.append(0x54)
    digits(secOfDay / 3600, 2)
    out.append(0x3A)
    digits(secOfDay / 60 % 60, 2)
    out.append(0x3A)
    digits(secOfDay % 60, 2)
    let places = max(0, min(9, fractionDigits))
    if places > 0 {
      var divisor = 1
      for _ in 0..<(9 - places) { divisor *= 10 }
      out.append(0x2E)
      digits(Int(nanos) / divisor, places)
    }
    out.append(0x5A)
  }
}
