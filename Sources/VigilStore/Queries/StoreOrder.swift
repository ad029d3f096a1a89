/// The order of query results: by time, ties broken by write order.
public enum StoreOrder: Sendable, Hashable {
  /// Latest first (the default for lists and the UI).
  case newestFirst
  /// Earliest first (for replay and export).
  case oldestFirst
}
