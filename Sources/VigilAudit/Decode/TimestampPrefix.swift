import VigilCore

/// The `<RFC 3339 time> ` prefix that EKS S3 exports (and some log shippers) put before each JSON
/// event: `2024-01-01T00:00:00.000Z {"kind":"Event",…}`.
enum TimestampPrefix {
  /// The prefix's time and the range of the JSON after it; nil when `bytes` has no such prefix.
  static func split(_ bytes: [UInt8]) -> (Timestamp, Range<Int>)? {
    guard let first = bytes.first, first >= 0x30, first <= 0x39 else { return nil }
    let limit = min(bytes.count, 48)
    var space = 0
    while space < limit, bytes[space] != 0x20, bytes[space] != 0x09 { space += 1 }
    guard space < limit else { return nil }
    let time: Timestamp? = bytes.withUnsafeBufferPointer {
      Timestamp(rfc3339Bytes: UnsafeBufferPointer(rebasing: $0[0..<space]))
    }
    guard let time else { return nil }
    var start = space
    while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    guard start < bytes.count, bytes[start] == 0x7B || bytes[start] == 0x5B else { return nil }
    return (time, start..<bytes.count)
  }
}
