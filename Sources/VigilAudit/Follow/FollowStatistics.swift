import VigilCore

/// Counters of an `AuditLogFollower` since it was created.
public struct FollowStatistics: Sendable, Hashable, Codable {
  /// Bytes read from the files.
  public var bytesRead = 0
  /// Lines consumed (blank, bad and skipped ones included).
  public var linesRead = 0
  /// Events decoded.
  public var eventsDecoded = 0
  /// Diagnostics by code.
  public var diagnostics: [InputDiagnostic.Code: Int] = [:]
  /// Files opened (the first one, and one per rotation followed).
  public var filesOpened = 0
  /// Rotations by rename followed (the old file read to its end, then the new one opened).
  public var rotations = 0
  /// Truncations seen (copytruncate: the file became shorter, or its first bytes changed).
  public var truncations = 0
  /// Checkpoints given to `init` that did not match the file found (reading started anew).
  public var checkpointsRejected = 0

  /// Creates zeroed counters.
  public init() {}

  /// How many diagnostics of `code` there were.
  public func count(_ code: InputDiagnostic.Code) -> Int { diagnostics[code] ?? 0 }
}
