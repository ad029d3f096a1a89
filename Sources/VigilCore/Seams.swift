/// Produces events from some input (a log file, a webhook body, an agent stream).
public protocol EventSource {
  /// The next event, or nil at the end of the input. Bad input is reported through the source's
  /// diagnostics, never thrown: only failures of the input itself (unreadable file) throw.
  mutating func next() throws -> Event?
}

/// A stateful detector: a pure state machine with the time passed in; never does I/O.
public protocol Detector {
  /// Looks at one event and returns the alerts it raises (often none).
  mutating func observe(_ event: Event, at now: Timestamp) -> [Alert]
}

/// Where alerts go: a terminal, a file, a webhook, the store.
public protocol AlertSink {
  /// Delivers alerts in order.
  mutating func deliver(_ alerts: [Alert]) throws
}
