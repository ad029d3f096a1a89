/// Elapsed seconds on the continuous clock, for the evaluation and the benchmark.
struct Stopwatch {
  let clock = ContinuousClock()
  let start: ContinuousClock.Instant

  /// A stopwatch started now.
  init() { start = clock.now }

  /// Seconds since the start.
  var seconds: Double {
    let (whole, fraction) = (clock.now - start).components
    return Double(whole) + Double(fraction) / 1e18
  }
}

/// Keeps a value alive so the optimizer cannot drop the loop that computed it.
@inline(never)
func keep<T>(_ value: T) -> T { value }
