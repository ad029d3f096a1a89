extension Duration {
  /// Whole nanoseconds, saturating at `Int64.max` / `.min` (far beyond any window or timeout):
  /// the unit `Timestamp` and the detectors' windows count in.
  public var nanoseconds: Int64 {
    let (seconds, attoseconds) = components
    let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    if overflow { return seconds < 0 ? .min : .max }
    let (sum, carried) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
    return carried ? (seconds < 0 ? .min : .max) : sum
  }
}
