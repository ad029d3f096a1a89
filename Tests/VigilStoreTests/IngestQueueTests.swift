import Testing
import VigilCore

@testable import VigilStore

/// The durable ingest queue: group-committed enqueues, bounded depth, resumption after reopen.
@Suite struct IngestQueueTests {
  @Test func concurrentEnqueuesAreAllStoredInOrderOfTheirIds() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let queue = try IngestQueue(path: directory.path("queue.db"), processedThrough: 0)
    let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
      for index in 0..<200 {
        group.addTask {
          try await queue.enqueue(
            Array("body-\(index)".utf8), events: 2, received: Timestamp(nanoseconds: 1))
        }
      }
      return try await group.reduce(into: [Int64]()) { $0.append($1) }
    }
    #expect(Set(ids).count == 200)
    #expect(queue.queuedEvents == 400)
    let batches = try queue.batches(after: 0, limit: 1000, maxEvents: 10_000)
    #expect(batches.count == 200)
    #expect(batches.map(\.id) == batches.map(\.id).sorted())
    #expect(Set(batches.map { String(decoding: $0.body, as: UTF8.self) }).count == 200)
    queue.close()
  }

  @Test func fullQueueRefusesAndRemovingMakesRoom() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    var configuration = IngestQueue.Configuration()
    configuration.maxQueuedEvents = 250
    let queue = try IngestQueue(
      path: directory.path("queue.db"), configuration: configuration, processedThrough: 0)
    let first = try await queue.enqueue([1], events: 100, received: Timestamp(nanoseconds: 1))
    _ = try await queue.enqueue([2], events: 100, received: Timestamp(nanoseconds: 2))
    await #expect(throws: IngestQueueError.self) {
      _ = try await queue.enqueue([3], events: 100, received: Timestamp(nanoseconds: 3))
    }
    try queue.remove(through: first, events: 100)
    _ = try await queue.enqueue([3], events: 100, received: Timestamp(nanoseconds: 3))
    #expect(queue.queuedEvents == 200)
    queue.close()
    await #expect(throws: IngestQueueError.self) {
      _ = try await queue.enqueue([4], events: 1, received: Timestamp(nanoseconds: 4))
    }
  }

  @Test func reopeningKeepsUnprocessedBatchesAndDropsProcessedOnes() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path("queue.db")
    var ids: [Int64] = []
    do {
      let queue = try IngestQueue(path: path, processedThrough: 0)
      for index in 0..<5 {
        ids.append(
          try await queue.enqueue([UInt8(index)], events: 10, received: Timestamp(nanoseconds: 1)))
      }
      queue.close()
    }
    let reopened = try IngestQueue(path: path, processedThrough: ids[1])
    #expect(reopened.queuedEvents == 30)
    let left = try reopened.batches(after: 0, limit: 10, maxEvents: 100)
    #expect(left.map(\.id) == Array(ids[2...]))
    #expect(left.map(\.body) == [[2], [3], [4]])
    // Ids keep growing after the rows are gone (AUTOINCREMENT): a checkpoint stays meaningful.
    try reopened.remove(through: ids[4], events: 30)
    let next = try await reopened.enqueue([9], events: 1, received: Timestamp(nanoseconds: 1))
    #expect(next > ids[4])
    reopened.close()
  }

  @Test func batchesStopAtTheEventBudgetButAlwaysReturnOne() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let queue = try IngestQueue(path: directory.path("queue.db"), processedThrough: 0)
    for _ in 0..<3 {
      _ = try await queue.enqueue([0], events: 400, received: Timestamp(nanoseconds: 1))
    }
    #expect(try queue.batches(after: 0, limit: 10, maxEvents: 500).count == 1)
    #expect(try queue.batches(after: 0, limit: 10, maxEvents: 800).count == 2)
    #expect(try queue.batches(after: 0, limit: 10, maxEvents: 100).count == 1)
    queue.close()
  }
}
