import Foundation
import VigilAudit
import VigilStore

/// `vigil serve --audit-log PATH`: the API server's log file backend as a ``LiveEventInput``,
/// followed across rotation, resuming from the position committed with the last alerts.
public struct AuditLogFileInput: LiveEventInput {
  private var follower: AuditLogFollower

  /// The name the position is committed under.
  public let checkpointName: String

  /// Follows `path`, resuming from the checkpoint committed in `store`, if any.
  public init(
    path: String, store: SQLiteStore, configuration: AuditLogFollower.Configuration = .init()
  ) throws {
    checkpointName = "audit-log:\(path)"
    let saved = try store.checkpoint(named: checkpointName).flatMap {
      try? JSONDecoder().decode(FollowCheckpoint.self, from: Data($0.utf8))
    }
    follower = AuditLogFollower(path: path, checkpoint: saved, configuration: configuration)
  }

  /// What was appended since the last poll.
  public mutating func poll(maxEvents: Int) throws -> LiveInputBatch? {
    guard let batch = try follower.poll(maxEvents: maxEvents) else { return nil }
    let checkpoint = String(decoding: try JSONEncoder().encode(batch.checkpoint), as: UTF8.self)
    return LiveInputBatch(
      events: batch.events, diagnostics: batch.diagnostics, checkpoint: checkpoint)
  }
}
