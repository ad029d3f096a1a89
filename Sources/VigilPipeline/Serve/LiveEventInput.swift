import VigilCore

/// An input the live processor polls besides the webhook queue (the audit log file): it hands
/// out events with the position reached, and the processor commits that position with the
/// alerts the events raised, so a restart resumes exactly after the last committed events.
public protocol LiveEventInput: Sendable {
  /// The name its position is committed under (`audit-log:/var/log/audit.log`).
  var checkpointName: String { get }

  /// Up to about `maxEvents` new events, or nil when there is nothing new.
  mutating func poll(maxEvents: Int) throws -> LiveInputBatch?
}

/// What one poll of a ``LiveEventInput`` produced.
public struct LiveInputBatch {
  /// The events read.
  public var events: [Event]
  /// Bad input found (reported, skipped).
  public var diagnostics: [InputDiagnostic]
  /// The input's position after these events, as the text its input restores from.
  public var checkpoint: String

  /// Creates a batch.
  public init(events: [Event], diagnostics: [InputDiagnostic], checkpoint: String) {
    self.events = events
    self.diagnostics = diagnostics
    self.checkpoint = checkpoint
  }
}
