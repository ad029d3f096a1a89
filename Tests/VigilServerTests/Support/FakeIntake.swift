import VigilPipeline

/// An ``AuditIntake`` that records every body it is handed and answers with a fixed outcome.
actor FakeIntake: AuditIntake {
  /// Bodies received, in order.
  private(set) var bodies: [[UInt8]] = []
  /// The answer to every body.
  private let outcome: Result<IntakeReceipt, IntakeRejection>

  /// An intake that accepts every body as `events` events.
  init(accepting events: Int = 1) {
    self.outcome = .success(IntakeReceipt(events: events))
  }

  /// An intake that refuses every body.
  init(rejecting rejection: IntakeRejection) {
    self.outcome = .failure(rejection)
  }

  /// Records the body and answers.
  func accept(_ body: [UInt8]) async throws(IntakeRejection) -> IntakeReceipt {
    bodies.append(body)
    return try outcome.get()
  }
}
