import VigilAudit
import VigilCore
import VigilJSON
import VigilStore

/// The webhook's ``AuditIntake`` over the durable ``IngestQueue``: a body is decoded once to
/// check that it holds audit events (and to count them), then queued as received; the
/// processor decodes it again from the queue. A 200 therefore means "on disk". Receipts and
/// refusals are counted by the webhook (per request, by reason); events rejected inside an
/// accepted body are counted by the processor.
public final class QueuedAuditIntake: AuditIntake {
  /// The queue bodies go to.
  public let queue: IngestQueue
  private let decoder: AuditDecoder
  private let now: @Sendable () -> Timestamp
  /// The `Retry-After` a full queue answers with.
  public let retryAfterSeconds: Int

  /// Creates an intake over `queue`.
  public init(
    queue: IngestQueue, decoder: AuditDecoder.Configuration = .init(), retryAfterSeconds: Int = 5,
    now: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
  ) {
    self.queue = queue
    self.retryAfterSeconds = retryAfterSeconds
    self.decoder = AuditDecoder(configuration: decoder)
    self.now = now
  }

  /// Checks the body holds audit events and queues it durably.
  public func accept(_ body: [UInt8]) async throws(IntakeRejection) -> IntakeReceipt {
    let count = try validate(body)
    guard count > 0 else { return IntakeReceipt(events: 0) }
    do {
      _ = try await queue.enqueue(body, events: count, received: now())
    } catch {
      switch error.code {
      case .full:
        throw IntakeRejection(.overloaded, error.detail, retryAfterSeconds: retryAfterSeconds)
      case .closed, .databaseFailure:
        throw IntakeRejection(.unavailable, error.description)
      }
    }
    return IntakeReceipt(events: count)
  }

  /// The number of audit events in `body`; throws `.malformed` when it is not JSON or holds
  /// something other than audit events. An empty EventList is valid and holds none.
  func validate(_ body: [UInt8]) throws(IntakeRejection) -> Int {
    var indexer = JSONIndexer()
    var events: [Event] = []
    var diagnostics: [InputDiagnostic] = []
    decoder.decode(
      bytes: body, at: SourcePosition(file: "webhook", line: 1), indexer: &indexer,
      into: &events, diagnostics: &diagnostics)
    if let first = diagnostics.first, events.isEmpty {
      throw IntakeRejection(.malformed, first.message)
    }
    return events.count
  }
}
