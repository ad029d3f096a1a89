extension Duration {
  /// Whole nanoseconds (saturating far beyond any request's duration).
  var nanoseconds: Int64 {
    let (seconds, attoseconds) = components
    let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    return overflow ? .max : scaled + attoseconds / 1_000_000_000
  }

  /// Whole milliseconds.
  var milliseconds: Int64 { nanoseconds / 1_000_000 }
}
