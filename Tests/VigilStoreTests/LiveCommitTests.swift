import Testing
import VigilCore

@testable import VigilStore

/// The live processor's commit: exactly once per (auditID, stage, rule), outbox rows only for new
/// alerts, repeats aggregated with a window summary, checkpoints with the alerts.
@Suite struct LiveCommitTests {
  private func withStore(_ body: (SQLiteStore) throws -> Void) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try body(try SQLiteStore(path: directory.path("vigil.db")))
  }

  @Test func newAlertIsStoredQueuedForItsSinksAndCheckpointed() throws {
    try withStore { store in
      var batch = LiveBatch(window: .seconds(300), now: StoreFixtures.at(1))
      batch.alerts = [.init(alert: StoreFixtures.alert(at: 1), sinks: ["out", "soc"])]
      batch.checkpoints = ["queue": "7"]
      let result = try store.commit(batch)
      #expect(result.raised.count == 1)
      #expect(try store.counts().alerts == 1)
      #expect(try store.due(sink: "out", now: StoreFixtures.at(1), limit: 10).count == 1)
      #expect(
        try store.due(sink: "soc", now: StoreFixtures.at(1), limit: 10).first?.alert.rule
          == "Attach/Exec Pod")
      #expect(try store.depth(sink: "other") == 0)
      #expect(try store.checkpoint(named: "queue") == "7")
    }
  }

  @Test func replayedEventDoesNotAlertTwice() throws {
    try withStore { store in
      var batch = LiveBatch(window: .seconds(300), now: StoreFixtures.at(1))
      batch.alerts = [.init(alert: StoreFixtures.alert(at: 1, auditID: "a-1"), sinks: ["out"])]
      _ = try store.commit(batch)
      let replay = try store.commit(batch)
      #expect(replay.duplicates == 1)
      #expect(replay.raised.isEmpty)
      #expect(try store.depth(sink: "out") == 1)
      #expect(try store.alerts(AlertQuery()).first?.record.count == 1)
    }
  }

  @Test func repeatsAggregateAndTheirSummaryIsSentWhenTheWindowEnds() throws {
    try withStore { store in
      var batch = LiveBatch(window: .seconds(300), now: StoreFixtures.at(1))
      batch.alerts = (0..<3).map { index in
        .init(
          alert: StoreFixtures.alert(at: 1 + Int64(index), auditID: "a-\(index)"), sinks: ["out"])
      }
      let result = try store.commit(batch)
      #expect(result.raised.count == 1)
      #expect(result.aggregated == 2)
      #expect(try store.depth(sink: "out") == 1)
      #expect(try store.releaseWindowSummaries(now: StoreFixtures.at(2)).isEmpty)
      // The window holding base+1 s (aligned on the epoch) ends within 300 s.
      let summaries = try store.releaseWindowSummaries(now: StoreFixtures.at(301))
      #expect(summaries.map(\.count) == [3])
      #expect(try store.depth(sink: "out") == 2)
      #expect(try store.releaseWindowSummaries(now: StoreFixtures.at(302)).isEmpty)
    }
  }

  @Test func outboxReschedulesAndRemoves() throws {
    try withStore { store in
      try store.enqueue(
        [StoreFixtures.alert(at: 1), StoreFixtures.alert(at: 2)], sinks: ["hook"],
        now: StoreFixtures.at(1))
      let due = try store.due(sink: "hook", now: StoreFixtures.at(1), limit: 10)
      // Outbox JSON keeps microseconds, as RFC 3339 in alerts does.
      #expect(
        due.map { $0.alert.time.nanoseconds / 1000 }
          == [1, 2].map { StoreFixtures.at($0).nanoseconds / 1000 })
      try store.reschedule(due[0].id, attempts: 1, notBefore: StoreFixtures.at(60))
      #expect(
        try store.due(sink: "hook", now: StoreFixtures.at(2), limit: 10).map(\.id) == [due[1].id])
      let later = try store.due(sink: "hook", now: StoreFixtures.at(60), limit: 10)
      #expect(later.first(where: { $0.id == due[0].id })?.attempts == 1)
      try store.remove(due.map(\.id))
      #expect(try store.depth(sink: "hook") == 0)
    }
  }

  @Test func suppressionsAreStoredMatchedAndExpire() throws {
    try withStore { store in
      let added = try store.add(
        Suppression(
          rule: "Attach/Exec Pod", namespace: "default", reason: "debugging INC-42",
          createdBy: "alice", created: StoreFixtures.at(0), expires: StoreFixtures.at(3600)))
      #expect(added.id != nil)
      #expect(throws: StoreError.self) {
        try store.add(Suppression(reason: "all", created: StoreFixtures.at(0), expires: nil))
      }
      let active = try store.suppressions(activeAt: StoreFixtures.at(10))
      #expect(active.count == 1)
      #expect(active[0].matches(StoreFixtures.alert(at: 10), at: StoreFixtures.at(10)))
      #expect(
        !active[0].matches(StoreFixtures.alert(at: 10, namespace: "prod"), at: StoreFixtures.at(10))
      )
      #expect(!active[0].matches(StoreFixtures.alert(at: 10), at: StoreFixtures.at(3600)))
      #expect(try store.suppressions(activeAt: StoreFixtures.at(3600)).isEmpty)
      #expect(try store.suppressions().count == 1)
      #expect(try store.removeSuppression(id: try #require(added.id)))
      #expect(try !store.removeSuppression(id: 999))
    }
  }
}
