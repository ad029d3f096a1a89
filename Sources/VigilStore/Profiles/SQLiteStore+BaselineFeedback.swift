import Foundation
import GRDB
import VigilCore

/// Something a person told the learned baselines: accept facts as normal, lock or unlock a
/// profile. The body is the caller's encoding (the facts, for an accept).
public struct BaselineFeedback: Sendable, Hashable {
  /// What to do.
  public enum Action: String, Sendable, Hashable, CaseIterable {
    /// Fold the facts in the body into their profiles as known.
    case accept
    /// Freeze a profile: it learns nothing and alerts on anything new.
    case lock
    /// Let a locked profile learn again.
    case unlock
  }

  /// The stored row's identity (nil before it is stored).
  public var id: Int64?
  /// What to do.
  public var action: Action
  /// The profile (`workload:payments/Deployment/api`).
  public var entity: String
  /// The action's details (for an accept: the facts, as JSON).
  public var body: String
  /// When it was given.
  public var created: Timestamp
  /// Who gave it.
  public var createdBy: String?

  /// Feedback.
  public init(
    id: Int64? = nil, action: Action, entity: String, body: String = "", created: Timestamp,
    createdBy: String? = nil
  ) {
    self.id = id
    self.action = action
    self.entity = entity
    self.body = body
    self.created = created
    self.createdBy = createdBy
  }
}

extension SQLiteStore {
  /// Stores feedback; returns it with its id.
  public func add(_ feedback: BaselineFeedback) throws -> BaselineFeedback {
    try guarded {
      try pool.write { db in
        try db.execute(
          sql: """
            INSERT INTO baseline_feedback (action, entity, body, created, created_by)
            VALUES (?, ?, ?, ?, ?)
            """,
          arguments: [
            feedback.action.rawValue, feedback.entity, feedback.body,
            feedback.created.nanoseconds, feedback.createdBy,
          ])
        var stored = feedback
        stored.id = db.lastInsertedRowID
        return stored
      }
    }
  }

  /// Feedback stored after the row `after` (all when 0), oldest first; rows with an action this
  /// version does not know are skipped.
  public func baselineFeedback(after: Int64 = 0) throws -> [BaselineFeedback] {
    try guarded {
      try pool.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT id, action, entity, body, created, created_by FROM baseline_feedback
            WHERE id > ? ORDER BY id
            """,
          arguments: [after]
        ).compactMap { row in
          guard let action = BaselineFeedback.Action(rawValue: row["action"]) else { return nil }
          return BaselineFeedback(
            id: row["id"], action: action, entity: row["entity"], body: row["body"],
            created: Timestamp(nanoseconds: row["created"]), createdBy: row["created_by"])
        }
      }
    }
  }
}
