#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The 16-bit code an hour summary (a bucket median or MAD, never negative) is kept in:
/// log₂(1 + value) in steps of 1/1024, so 0 and small counts are exact or nearly, every value
/// decodes within 0.034 % of itself, and the range reaches 2⁶⁴ (bytes per bucket included). Half
/// the memory of a `Float`, for the 2,016 summaries a seasonal baseline holds.
enum HourSummaryCode {
  /// Steps per doubling of 1 + value.
  static let stepsPerOctave = 1024.0

  /// The code of `value` (negative and NaN as 0, too large as the largest code).
  static func encode(_ value: Double) -> UInt16 {
    guard value > 0 else { return 0 }
    let steps = (log2(1 + value) * stepsPerOctave).rounded()
    return steps >= Double(UInt16.max) ? UInt16.max : UInt16(steps)
  }

  /// The value a code stands for.
  static func decode(_ code: UInt16) -> Double {
    code == 0 ? 0 : exp2(Double(code) / stepsPerOctave) - 1
  }
}
