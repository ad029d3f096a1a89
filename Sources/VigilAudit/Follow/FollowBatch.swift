import VigilCore

/// What one `AuditLogFollower.poll(maxEvents:)` read: the events and problems of the complete
/// lines consumed, and the checkpoint just after the last of them.
public struct FollowBatch: Sendable {
  /// The events decoded, in file order (duplicates are not removed here).
  public var events: [Event]
  /// Problems with lines (not JSON, not an audit event, too long), each with file and line.
  public var diagnostics: [InputDiagnostic]
  /// Where to resume after this batch: persist it with what the events produced.
  public var checkpoint: FollowCheckpoint
  /// Lines consumed by this batch (blank and bad ones included).
  public var lines: Int

  /// Creates a batch.
  public init(
    events: [Event], diagnostics: [InputDiagnostic], checkpoint: FollowCheckpoint, lines: Int
  ) {
    self.events = events
    self.diagnostics = diagnostics
    self.checkpoint = checkpoint
    self.lines = lines
  }
}
