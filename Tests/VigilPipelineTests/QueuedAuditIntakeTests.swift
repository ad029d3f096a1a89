import CoreMetrics
import Foundation
import Testing
import VigilCore
import VigilPipeline
import VigilStore

/// The webhook's intake: what it accepts, what it refuses and why, and that accepted bodies are
/// in the durable queue byte for byte.
@Suite struct QueuedAuditIntakeTests {
  private func withIntake(
    maxQueuedEvents: Int = 1_000_000, _ body: (QueuedAuditIntake, IngestQueue) async throws -> Void
  ) async throws {
    let directory = try LiveServeFixtures.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var configuration = IngestQueue.Configuration()
    configuration.maxQueuedEvents = maxQueuedEvents
    let queue = try IngestQueue(
      path: directory.appendingPathComponent("queue.db").path, configuration: configuration,
      processedThrough: 0)
    defer { queue.close() }
    try await body(QueuedAuditIntake(queue: queue), queue)
  }

  @Test func anEventListIsQueuedAsReceived() async throws {
    try await withIntake { intake, queue in
      let body = LiveServeFixtures.eventList([
        LiveServeFixtures.execEvent(id: "e-1"), LiveServeFixtures.readEvent(id: "r-1"),
      ])
      let receipt = try await intake.accept(body)
      #expect(receipt.events == 2)
      let queued = try queue.batches(after: 0, limit: 10, maxEvents: 100)
      #expect(queued.map(\.body) == [body])
      #expect(queued.first?.events == 2)
    }
  }

  @Test func aSingleEventAndAnArrayAreAccepted() async throws {
    try await withIntake { intake, _ in
      let single = try await intake.accept(Array(LiveServeFixtures.execEvent(id: "e-1").utf8))
      #expect(single.events == 1)
      let array =
        "[\(LiveServeFixtures.execEvent(id: "e-2")),\(LiveServeFixtures.readEvent(id: "r-2"))]"
      let receipt = try await intake.accept(Array(array.utf8))
      #expect(receipt.events == 2)
    }
  }

  @Test(arguments: [
    ("{\"kind\":\"EventList\",\"items\":[", "not JSON"),
    ("{\"hello\":\"world\"}", "not a Kubernetes audit event"),
    ("", "not JSON"),
  ])
  func malformedBodiesAreRefusedWithTheReason(body: String, reason: String) async throws {
    try await withIntake { intake, queue in
      await #expect {
        _ = try await intake.accept(Array(body.utf8))
      } throws: { error in
        guard let rejection = error as? IntakeRejection else { return false }
        return rejection.code == .malformed && rejection.reason.contains(reason)
      }
      #expect(queue.queuedEvents == 0)
    }
  }

  @Test func anEmptyEventListIsAcceptedAndQueuesNothing() async throws {
    try await withIntake { intake, queue in
      let receipt = try await intake.accept(LiveServeFixtures.eventList([]))
      #expect(receipt.events == 0)
      #expect(try queue.batches(after: 0, limit: 10, maxEvents: 10).isEmpty)
    }
  }

  @Test func aFullQueueAsksTheClientToRetry() async throws {
    try await withIntake(maxQueuedEvents: 3) { intake, _ in
      let body = LiveServeFixtures.eventList(
        (0..<2).map { LiveServeFixtures.readEvent(id: "r-\($0)") })
      _ = try await intake.accept(body)
      await #expect {
        _ = try await intake.accept(body)
      } throws: { error in
        guard let rejection = error as? IntakeRejection else { return false }
        return rejection.code == .overloaded && rejection.retryAfterSeconds >= 1
      }
    }
  }
}
