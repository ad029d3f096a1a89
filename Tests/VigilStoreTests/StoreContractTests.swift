import Synchronization
import Testing
import VigilCore
import VigilStore

/// The contract every `Store` backend fulfils, run over each of them.
@Suite("Store contract")
struct StoreContractTests {
  @Test("events round-trip field for field, raw JSON byte for byte", arguments: StoreFactories.all)
  func eventRoundTrip(factory: any StoreFactory) throws {
    let scoped = try factory.make()
    defer { scoped.cleanup() }
    let events = [
      try StoreFixtures.auditEvent(id: "e1", at: 0, groups: ["devs", "system:authenticated"]),
      try StoreFixtures.auditEvent(
        id: "e2", at: 1, user: "bob \"the builder\"", groups: [], verb: "create", namespace: nil,
        resource: "namespaces", subresource: nil, name: "prod", code: nil,
        extra: #","note":"caf\u00e9 ☕ \n","n":1.50e3"#, line: 2),
      try StoreFixtures.auditEvent(
        id: "e3", at: 2, verb: "create", subresource: "exec", code: 101, line: 3),
    ]
    try scoped.store.write { batch in
      for event in events { batch.add(event) }
    }
    let read = try scoped.store.events(EventQuery(order: .oldestFirst))
    #expect(read == events.map(EventRecord.init(event:)))
    #expect(read.map(\.raw) == events.map { $0.audit?.document.bytes ?? [] })
    #expect(read.first?.time.nanoseconds == StoreFixtures.base.nanoseconds)
    #expect(read.last?.subresource == "exec")
    #expect(read.first?.userGroups == ["devs", "system:authenticated"])
  }

  @Test("alerts round-trip to the same Alert", arguments: StoreFactories.all)
  func alertRoundTrip(factory: any StoreFactory) throws {
    let scoped = try factory.make()
    defer { scoped.cleanup() }
    var alert = StoreFixtures.alert(at: 5, count: 3)
    alert.lastSeen = StoreFixtures.at(9)
    alert.controls.append(ComplianceControl(framework: .nist, id: "AC-6"))
    alert.subject.resource = nil
    try scoped.store.write { $0.add(alert, window: .seconds(60)) }
    let stored = try scoped.store.alerts(.all)
    #expect(stored.count == 1)
    #expect(stored.first?.alert == alert)
    #expect(
      stored.first?.record.windowStart
        == AlertRecord.windowStart(of: alert.time, window: .seconds(60)))
  }

  @Test("event queries: each filter, order and limit", arguments: StoreFactories.all)
  func eventQueries(factory: any StoreFactory) throws {
    let scoped = try factory.make()
    defer { scoped.cleanup() }
    let store = scoped.store
    try store.write { batch in
      batch.add(try StoreFixtures.auditEvent(id: "a", at: 0, user: "alice", namespace: "dev"))
      batch.add(
        try StoreFixtures.auditEvent(
          id: "b", at: 10, user: "bob", verb: "delete", namespace: "prod"))
      batch.add(
        try StoreFixtures.auditEvent(
          id: "c", at: 20, user: "alice", namespace: "prod", resource: "secrets"))
      batch.add(
        try StoreFixtures.auditEvent(
          id: "c", at: 20, user: "alice", namespace: "prod", resource: "secrets", line: 9))
    }
    func ids(_ query: EventQuery) throws -> [String] {
      try store.events(query).compactMap(\.auditID)
    }
    #expect(try ids(.all) == ["c", "c", "b", "a"])
    #expect(try ids(EventQuery(order: .oldestFirst)) == ["a", "b", "c", "c"])
    #expect(try store.events(.all).first?.position.line == 9)
    #expect(try ids(EventQuery(since: StoreFixtures.at(10))) == ["c", "c", "b"])
    #expect(try ids(EventQuery(until: StoreFixtures.at(10))) == ["a"])
    #expect(try ids(EventQuery(auditID: "b")) == ["b"])
    #expect(try ids(EventQuery(user: "alice")) == ["c", "c", "a"])
    #expect(try ids(EventQuery(namespace: "prod")) == ["c", "c", "b"])
    #expect(try ids(EventQuery(resource: "secrets")) == ["c", "c"])
    #expect(try ids(EventQuery(verb: "delete")) == ["b"])
    #expect(try ids(EventQuery(user: "alice", namespace: "dev")) == ["a"])
    #expect(try ids(EventQuery(limit: 2)) == ["c", "c"])
    #expect(try ids(EventQuery(limit: 0)).isEmpty)
    #expect(try ids(EventQuery(user: "nobody")).isEmpty)
  }

  @Test("alert queries: each filter, order and limit", arguments: StoreFactories.all)
  func alertQueries(factory: any StoreFactory) throws {
    let scoped = try factory.make()
    defer { scoped.cleanup() }
    let store = scoped.store
    try store.write { batch in
      batch.add(
        StoreFixtures.alert(
          rule: "Exec", severity: .notice, at: 0, dedupKey: "k1",
          user: "alice", namespace: "dev", output: "exec into web-0"), window: .zero)
      batch.add(
        StoreFixtures.alert(
          rule: "RBAC", severity: .critical, at: 10, dedupKey: "k2",
          user: "bob", namespace: nil, output: "ClusterRoleBinding to cluster-admin"), window: .zero
      )
      batch.add(
        StoreFixtures.alert(
          rule: "Secret", severity: .warning, at: 20, dedupKey: "k3",
          user: "alice", namespace: "prod", output: "read secret db-password"), window: .zero)
    }
    func keys(_ query: AlertQuery) throws -> [String] {
      try store.alerts(query).map(\.record.dedupKey)
    }
    #expect(try keys(.all) == ["k3", "k2", "k1"])
    #expect(try keys(AlertQuery(order: .oldestFirst)) == ["k1", "k2", "k3"])
    #expect(try keys(AlertQuery(since: StoreFixtures.at(10))) == ["k3", "k2"])
    #expect(try keys(AlertQuery(until: StoreFixtures.at(10))) == ["k1"])
    #expect(try keys(AlertQuery(minimumSeverity: .warning)) == ["k3", "k2"])
    #expect(try keys(AlertQuery(minimumSeverity: .emergency)).isEmpty)
    #expect(try keys(AlertQuery(rules: ["Exec", "RBAC"])) == ["k2", "k1"])
    #expect(try keys(AlertQuery(namespace: "prod")) == ["k3"])
    #expect(try keys(AlertQuery(user: "alice")) == ["k3", "k1"])
    #expect(try keys(AlertQuery(text: "secret")) == ["k3"])
    #expect(try keys(AlertQuery(text: "Secret")).isEmpty)
    #expect(try keys(AlertQuery(text: "")) == ["k3", "k2", "k1"])
    #expect(try keys(AlertQuery(dedupKey: "k2")) == ["k2"])
    #expect(try keys(AlertQuery(user: "alice", limit: 1)) == ["k3"])
    let ids = try store.alerts(.all).map(\.id)
    #expect(Set(ids).count == 3)
  }

  @Test("an alert in an open window aggregates into the stored one", arguments: StoreFactories.all)
  func aggregation(factory: any StoreFactory) throws {
    let scoped = try factory.make()
    defer { scoped.cleanup() }
    let store = scoped.store
    let window = Duration.seconds(300)
    // 2024-01-01T00:00:00Z is a multiple of 300 s: times 0…299 share a window.
    try store.write { $0.add(StoreFixtures.alert(at: 10, auditID: "a-1"), window: window) }
    let firstID = try store.alerts(.all).first?.id
    try store.write { batch in
      batch.add(
        StoreFixtures.alert(severity: .warning, at: 50, auditID: "a-2", count: 2), window: window)
      batch.add(StoreFixtures.alert(at: 5, auditID: "a-3"), window: window)
    }
    try store.write { $0.add(StoreFixtures.alert(at: 400, auditID: "a-4"), window: window) }
    try store.write { $0.add(StoreFixtures.alert(at: 60, dedupKey: "other"), window: window) }

    let rows = try store.alerts(AlertQuery(dedupKey: "exec:alice:web-0", order: .oldestFirst))
    #expect(rows.count == 2)
    let first = try #require(rows.first)
    #expect(first.id == firstID)
    #expect(first.record.count == 4)
    #expect(first.record.time == StoreFixtures.at(5))
    #expect(first.record.lastSeen == StoreFixtures.at(50))
    #expect(first.record.severity == .warning)
    #expect(first.record.evidence.compactMap(\.auditID) == ["a-1", "a-2", "a-3"])
    #expect(first.record.output == StoreFixtures.alert(at: 10).output)
    #expect(rows.last?.record.count == 1)
    #expect(rows.last?.record.time == StoreFixtures.at(400))
    #expect(try store.counts() == StoreCounts(events: 0, alerts: 3))
  }

  @Test("aggregated evidence stops at the limit", arguments: StoreFactories.all)
  func evidenceLimit(factory: any StoreFactory) throws {
    let scoped = try factory.make()
    defer { scoped.cleanup() }
    let total = AlertRecord.evidenceLimit + 5
    try scoped.store.write { batch in
      for index in 0..<total {
        batch.add(
          StoreFixtures.alert(at: Int64(index), auditID: "a-\(index)"), window: .seconds(3600))
      }
    }
    let stored = try #require(try scoped.store.alerts(.all).first)
    #expect(stored.record.count == total)
    #expect(stored.record.evidence.count == AlertRecord.evidenceLimit)
    #expect(stored.record.evidence.first?.auditID == "a-0")
  }

  @Test("retention deletes what is older than the cutoff", arguments: StoreFactories.all)
  func retention(factory: any StoreFactory) throws {
    let scoped = try factory.make()
    defer { scoped.cleanup() }
    let store = scoped.store
    try store.write { batch in
      for second in 0..<10 {
        batch.add(try StoreFixtures.auditEvent(id: "e\(second)", at: Int64(second)))
      }
      batch.add(StoreFixtures.alert(at: 1, dedupKey: "old"), window: .zero)
      var spanning = StoreFixtures.alert(at: 2, dedupKey: "spanning")
      spanning.lastSeen = StoreFixtures.at(8)
      batch.add(spanning, window: .zero)
      batch.add(StoreFixtures.alert(at: 7, dedupKey: "new"), window: .zero)
    }
    let deleted = try store.deleteOlder(than: StoreFixtures.at(6))
    #expect(deleted == StoreCounts(events: 6, alerts: 1))
    #expect(try store.counts() == StoreCounts(events: 4, alerts: 2))
    #expect(
      try store.events(EventQuery(order: .oldestFirst)).compactMap(\.auditID) == [
        "e6", "e7", "e8", "e9",
      ])
    #expect(Set(try store.alerts(.all).map(\.record.dedupKey)) == ["spanning", "new"])
    // A deleted alert's key starts a new row.
    try store.write { $0.add(StoreFixtures.alert(at: 1, dedupKey: "old"), window: .zero) }
    #expect(try store.alerts(AlertQuery(dedupKey: "old")).first?.record.count == 1)
    #expect(try store.deleteOlder(than: StoreFixtures.at(0)) == StoreCounts())
  }

  @Test("a failing batch writes nothing", arguments: StoreFactories.all)
  func atomicBatch(factory: any StoreFactory) throws {
    let scoped = try factory.make()
    defer { scoped.cleanup() }
    struct Abort: Error {}
    #expect(throws: Abort.self) {
      try scoped.store.write { batch in
        batch.add(try StoreFixtures.auditEvent(id: "lost", at: 0))
        batch.add(StoreFixtures.alert(at: 0), window: .zero)
        throw Abort()
      }
    }
    try scoped.store.write { _ in }
    #expect(try scoped.store.counts() == StoreCounts())
  }

  @Test(
    "a record of a redacted event holds the redaction marker, not the secret",
    arguments: StoreFactories.all)
  func redactedEvent(factory: any StoreFactory) throws {
    let scoped = try factory.make()
    defer { scoped.cleanup() }
    let event = try StoreFixtures.auditEvent(
      id: "s1", at: 0, verb: "create", resource: "secrets", name: "db",
      extra: #","requestObject":{"kind":"Secret","data":{"password":"<redacted>"}}"#)
    try scoped.store.write { $0.add(event) }
    let raw = try #require(try scoped.store.events(.all).first?.raw)
    let text = String(decoding: raw, as: UTF8.self)
    #expect(text.contains(#""password":"<redacted>""#))
    #expect(!text.contains("hunter2"))
    #expect(raw == event.audit?.document.bytes)
  }

  @Test("readers see whole batches while a writer commits", arguments: StoreFactories.all)
  func concurrentReaders(factory: any StoreFactory) async throws {
    let scoped = try factory.make()
    defer { scoped.cleanup() }
    let store = scoped.store
    let batches = 40
    let batchSize = 50
    let events = try (0..<batchSize).map {
      try StoreFixtures.auditEvent(id: "e\($0)", at: Int64($0))
    }
    let writing = Flag()
    try await withThrowingTaskGroup(of: [Int].self) { group in
      group.addTask {
        defer { writing.value.store(false, ordering: .releasing) }
        for _ in 0..<batches {
          try store.write { batch in for event in events { batch.add(event) } }
          await Task.yield()
        }
        return []
      }
      for _ in 0..<2 {
        group.addTask {
          // Read until the writer is done, so reads overlap the writes.
          var seen: [Int] = []
          while writing.value.load(ordering: .acquiring) {
            seen.append(try store.counts().events)
            await Task.yield()
          }
          return seen
        }
      }
      for try await seen in group {
        #expect(seen.allSatisfy { $0 % batchSize == 0 }, "a reader saw a partial batch")
        #expect(seen == seen.sorted(), "a reader saw the count go down")
      }
    }
    #expect(try store.counts().events == batches * batchSize)
  }
}

/// A flag shared between tasks.
final class Flag: Sendable {
  /// True until cleared.
  let value = Atomic(true)
}
