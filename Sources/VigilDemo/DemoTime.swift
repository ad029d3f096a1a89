import VigilCore

/// Time helpers for the generator: nanosecond instants printed as the API server prints them.
enum DemoTime {
  /// Nanoseconds per second.
  static let second: Int64 = 1_000_000_000
  /// Nanoseconds per minute.
  static let minute: Int64 = 60 * second
  /// Nanoseconds per hour.
  static let hour: Int64 = 60 * minute

  /// RFC 3339 with microseconds (`2026-11-02T09:12:03.123456Z`).
  static func rfc3339(_ nanos: Int64) -> String {
    Timestamp(nanoseconds: nanos).rfc3339(fractionDigits: 6)
  }

  /// RFC 3339 to the second (`creationTimestamp`, `metadata.managedFields[].time`).
  static func seconds(_ nanos: Int64) -> String {
    Timestamp(nanoseconds: nanos).rfc3339(fractionDigits: 0)
  }
}
