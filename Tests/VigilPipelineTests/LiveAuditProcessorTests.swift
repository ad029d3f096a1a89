import CoreMetrics
import Foundation
import Logging
import Testing
import VigilCore
import VigilPipeline
import VigilRules
import VigilStore

/// The live processor: queued bodies become stored alerts queued for the sinks whose filters
/// take them; suppressions hold; a re-sent or replayed event never alerts twice; shutdown drains.
@Suite struct LiveAuditProcessorTests {
  /// A store, a queue and an intake in a scratch directory.
  struct Rig {
    let directory: URL
    let store: SQLiteStore
    let queue: IngestQueue
    let intake: QueuedAuditIntake

    init(directory: URL) throws {
      self.directory = directory
      store = try SQLiteStore(path: directory.appendingPathComponent("vigil.db").path)
      queue = try IngestQueue(
        path: directory.appendingPathComponent("vigil.queue.db").path,
        processedThrough: try LiveAuditProcessor.processedThrough(in: store))
      intake = QueuedAuditIntake(queue: queue)
    }

    func processor(
      sinks: [SinkConfiguration], inputs: [any LiveEventInput] = []
    ) throws -> LiveAuditProcessor {
      var configuration = LiveAuditProcessor.Configuration()
      configuration.sinks = sinks
      configuration.idleInterval = .milliseconds(2)
      return try LiveAuditProcessor(
        store: store, queue: queue, inputs: inputs,
        rules: try RuleSet.load(yaml: LiveServeFixtures.execRule),
        configuration: configuration, logger: Logger(label: "test"),
        metrics: NOOPMetricsHandler.instance)
    }

    func close() throws {
      queue.close()
      try store.close()
    }
  }

  /// Runs `processor` until `done` holds (checked every few milliseconds, 20 s at most), then
  /// stops it and waits for it to drain.
  static func run(_ processor: LiveAuditProcessor, until done: () throws -> Bool) async throws {
    let task = Task { await processor.run() }
    let deadline = ContinuousClock.now + .seconds(20)
    while try !done(), ContinuousClock.now < deadline {
      try await Task.sleep(for: .milliseconds(5))
    }
    task.cancel()
    await task.value
  }

  static let sinks: [SinkConfiguration] = {
    var all = SinkConfiguration(name: "all", kind: .stdout)
    all.minimumSeverity = .debug
    var critical = SinkConfiguration(name: "critical-only", kind: .stdout)
    critical.minimumSeverity = .critical
    return [all, critical]
  }()

  @Test func queuedExecRaisesOneAlertForTheSinksThatTakeIt() async throws {
    let rig = try Rig(directory: try LiveServeFixtures.directory())
    defer { try? FileManager.default.removeItem(at: rig.directory) }
    _ = try await rig.intake.accept(
      LiveServeFixtures.eventList([
        LiveServeFixtures.readEvent(id: "r-1"), LiveServeFixtures.execEvent(id: "e-1"),
      ]))
    let processor = try rig.processor(sinks: Self.sinks)
    try await Self.run(processor) { try rig.store.depth(sink: "all") == 1 }
    let due = try rig.store.due(sink: "all", now: Timestamp.now(), limit: 10)
    #expect(due.map(\.alert.rule) == ["Exec Into Pod"])
    #expect(due.first?.alert.output == "exec by alice into payments/api-0")
    #expect(try rig.store.depth(sink: "critical-only") == 0)
    #expect(rig.queue.queuedEvents == 0)
    #expect(try rig.queue.batches(after: 0, limit: 10, maxEvents: 100).isEmpty)
    #expect(processor.processedThrough > 0)
    try rig.close()
  }

  @Test func aResentBatchAfterARestartDoesNotAlertAgain() async throws {
    let directory = try LiveServeFixtures.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let body = LiveServeFixtures.eventList([LiveServeFixtures.execEvent(id: "e-1")])
    do {
      let rig = try Rig(directory: directory)
      _ = try await rig.intake.accept(body)
      try await Self.run(try rig.processor(sinks: Self.sinks)) {
        try rig.store.depth(sink: "all") == 1
      }
      try rig.close()
    }
    // The API server re-sends the same batch (its 200 was lost) to a restarted Vigil.
    let rig = try Rig(directory: directory)
    _ = try await rig.intake.accept(body)
    _ = try await rig.intake.accept(
      LiveServeFixtures.eventList([LiveServeFixtures.execEvent(id: "e-2", user: "bob")]))
    try await Self.run(try rig.processor(sinks: Self.sinks)) { rig.queue.queuedEvents == 0 }
    let due = try rig.store.due(sink: "all", now: Timestamp.now(), limit: 10)
    #expect(due.map(\.alert.subject.user) == ["alice", "bob"])
    try rig.close()
  }

  @Test func anUnprocessedQueueIsProcessedAfterARestart() async throws {
    let directory = try LiveServeFixtures.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    do {
      let rig = try Rig(directory: directory)
      for index in 0..<5 {
        _ = try await rig.intake.accept(
          LiveServeFixtures.eventList([
            LiveServeFixtures.execEvent(id: "e-\(index)", user: "u\(index)")
          ]))
      }
      try rig.close()  // no processor ran: "crashed" right after acknowledging
    }
    let rig = try Rig(directory: directory)
    #expect(rig.queue.queuedEvents == 5)
    try await Self.run(try rig.processor(sinks: Self.sinks)) {
      try rig.store.depth(sink: "all") == 5
    }
    #expect(try rig.store.depth(sink: "all") == 5)
    try rig.close()
  }

  @Test func suppressedAlertsAreNeitherStoredNorQueued() async throws {
    let rig = try Rig(directory: try LiveServeFixtures.directory())
    defer { try? FileManager.default.removeItem(at: rig.directory) }
    try rig.store.add(
      Suppression(
        rule: "Exec Into Pod", namespace: "payments", reason: "incident INC-1 debugging",
        created: Timestamp.now(), expires: Timestamp.now().adding(.seconds(3600))))
    _ = try await rig.intake.accept(
      LiveServeFixtures.eventList([
        LiveServeFixtures.execEvent(id: "e-1"),
        LiveServeFixtures.execEvent(id: "e-2", namespace: "web"),
      ]))
    try await Self.run(try rig.processor(sinks: Self.sinks)) { rig.queue.queuedEvents == 0 }
    let due = try rig.store.due(sink: "all", now: Timestamp.now(), limit: 10)
    #expect(due.map(\.alert.subject.namespace) == ["web"])
    #expect(try rig.store.counts().alerts == 1)
    try rig.close()
  }

  @Test func shutdownDrainsWhatIsQueued() async throws {
    let rig = try Rig(directory: try LiveServeFixtures.directory())
    defer { try? FileManager.default.removeItem(at: rig.directory) }
    for index in 0..<50 {
      _ = try await rig.intake.accept(
        LiveServeFixtures.eventList([
          LiveServeFixtures.execEvent(id: "e-\(index)", user: "u\(index)")
        ]))
    }
    // Cancelled at once: the drain still processes everything queued.
    try await Self.run(try rig.processor(sinks: Self.sinks)) { true }
    #expect(rig.queue.queuedEvents == 0)
    #expect(try rig.store.depth(sink: "all") == 50)
    try rig.close()
  }

  @Test func theAuditLogFileIsFollowedAndResumedAfterARestart() async throws {
    let directory = try LiveServeFixtures.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let log = directory.appendingPathComponent("audit.log")
    func append(_ ids: [String]) throws {
      let lines = ids.map { LiveServeFixtures.execEvent(id: $0, user: $0) + "\n" }.joined()
      let handle = try FileHandle(forWritingTo: log)
      try handle.seekToEnd()
      try handle.write(contentsOf: Data(lines.utf8))
      try handle.close()
    }
    #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
    try append(["f-1", "f-2", "f-3"])
    do {
      let rig = try Rig(directory: directory)
      let input = try AuditLogFileInput(path: log.path, store: rig.store)
      try await Self.run(try rig.processor(sinks: Self.sinks, inputs: [input])) {
        try rig.store.depth(sink: "all") == 3
      }
      try rig.close()
    }
    // Written while Vigil was down, then a rename rotation and a new file.
    try append(["f-4"])
    try FileManager.default.moveItem(at: log, to: directory.appendingPathComponent("audit.log.1"))
    #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
    try append(["f-5"])
    let rig = try Rig(directory: directory)
    let input = try AuditLogFileInput(path: log.path, store: rig.store)
    try await Self.run(try rig.processor(sinks: Self.sinks, inputs: [input])) {
      try rig.store.depth(sink: "all") == 5
    }
    let users = try rig.store.due(sink: "all", now: Timestamp.now(), limit: 10).compactMap(
      \.alert.subject.user)
    #expect(users.sorted() == ["f-1", "f-2", "f-3", "f-4", "f-5"])
    try rig.close()
  }
}
