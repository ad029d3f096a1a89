extension Duration {
  /// Whole milliseconds.
  var milliseconds: Int64 { nanoseconds / 1_000_000 }
}
