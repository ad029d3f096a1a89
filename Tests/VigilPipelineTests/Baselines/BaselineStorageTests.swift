import Foundation
import Testing
import VigilCore
import VigilDetect
import VigilPipeline
import VigilStore
import VigilTesting

/// Learned profiles survive a store round trip; `vigil baseline` feedback reaches the right
/// stream's profiles.
@Suite("BaselineStorage")
struct BaselineStorageTests {
  static let api = EntityKey.workload(namespace: "payments", kind: "Deployment", name: "api")
  static let worker = EntityKey.serviceAccount(namespace: "payments", name: "worker")

  /// Runs `body` with a store in a temporary directory, removed afterwards.
  static func withStore(_ body: (SQLiteStore) throws -> Void) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vigil-baselines-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try SQLiteStore(path: directory.appendingPathComponent("vigil.db").path)
    defer { try? store.close() }
    try body(store)
  }

  static func detector() -> BaselineDetector {
    var configuration = BaselineDetector.Configuration()
    configuration.setLearningPeriod(.seconds(60))
    return BaselineDetector(configuration: configuration)
  }

  /// Ten hours of one workload talking to two peers, one service account making one call.
  static func learn(_ detector: inout BaselineDetector) {
    for minute in 0..<600 {
      let time = Timestamp(seconds: 1_800_000_000 + Double(minute) * 60)
      var observation = BehaviorObservation()
      observation.facts = [
        BehaviorFact(entity: api, category: .peer, value: "db:5432/tcp", time: time),
        BehaviorFact(entity: api, category: .peer, value: "cache:6379/tcp", time: time),
        BehaviorFact(
          entity: worker, category: .apiCall, value: "get configmaps payments", time: time),
      ]
      _ = detector.observe(observation, at: time)
    }
  }

  @Test("entity keys read back from their text, namespaces included")
  func entityKeysRoundTrip() {
    for key in [Self.api, Self.worker, .user("alice@example.com"), .namespace("payments")] {
      #expect(EntityKey(text: key.description) == key)
    }
    #expect(EntityKey(text: "workload:payments/api") == nil)
    #expect(EntityKey(text: "pod:x") == nil && EntityKey(text: "user:") == nil)
  }

  @Test("profiles saved to the store restore with the same known values and novelty decisions")
  func roundTrip() throws {
    try Self.withStore { store in try Self.roundTrip(store) }
  }

  static func roundTrip(_ store: SQLiteStore) throws {
    var detector = Self.detector()
    Self.learn(&detector)
    let first = try BaselineStorage.save(detector, stream: "flows", to: store)
    #expect(first.rows == 3)  // 2 + book
    // Nothing new since: only the book row is written again.
    #expect(
      try BaselineStorage.save(detector, stream: "flows", to: store, after: first.mark).rows == 1)
    let restored = try BaselineStorage.restore(
      stream: "flows", from: store, configuration: detector.configuration)
    #expect(restored.restored == 2 && restored.unreadable == 0 && restored.series == 0)
    var copy = restored.detector
    #expect(copy.snapshot().records == detector.snapshot().records)
    // A new peer alerts in both, a known one in neither.
    let later = Timestamp(seconds: 1_800_000_000 + 11 * 3600)
    var novel = BehaviorObservation()
    novel.facts = [
      BehaviorFact(entity: Self.api, category: .peer, value: "vault:8200/tcp", time: later)
    ]
    let fromOriginal = detector.observe(novel, at: later).map { $0.rule }
    let fromRestored = copy.observe(novel, at: later).map { $0.rule }
    #expect(fromRestored == fromOriginal)
    #expect(fromRestored.contains("New network peer for a stable workload"), "\(fromRestored)")
    #expect(try store.profiles(stream: "audit").isEmpty)
  }

  @Test("rate series survive a restart with their hour-of-week baselines, saved once an hour")
  func rateSeriesRoundTrip() throws {
    try Self.withStore { store in try Self.rateSeriesRoundTrip(store) }
  }

  static func rateSeriesRoundTrip(_ store: SQLiteStore) throws {
    var detector = Self.detector()
    // Two weeks of a service account's writes, 2 per minute by day and none by night.
    let start = Timestamp(seconds: 1_793_577_600)  // a Monday, 00:00 UTC
    for minute in 0..<(14 * 1_440) {
      let time = start.adding(.seconds(Int64(minute) * 60))
      let hour = minute / 60 % 24
      var observation = BehaviorObservation()
      if hour >= 8 && hour < 18 {
        observation.series = [
          SeriesObservation(entity: Self.worker, series: .writes, time: time, amount: 2)
        ]
      }
      _ = detector.observe(observation, at: time)
    }
    let saved = try BaselineStorage.save(detector, stream: "audit", to: store)
    #expect(saved.rows == 2)  // the series + the book row (no facts)
    let rows = try store.profiles(stream: "audit")
    #expect(rows.map(\.kind).sorted() == ["book", "rates"])
    // The next save in the same hour writes the series again only if it closed an hour.
    #expect(
      try BaselineStorage.rows(for: detector, stream: "audit", after: saved.mark).rows.count == 1)
    let restored = try BaselineStorage.restore(
      stream: "audit", from: store, configuration: detector.configuration)
    #expect(restored.series == 1 && restored.unreadable == 0)
    let monday10 = start.adding(.seconds(14 * 86_400 + 10 * 3_600))
    let expected = detector.rates.baseline(of: Self.worker, .writes)?.expectation(at: monday10)
    let after = restored.detector.rates.baseline(of: Self.worker, .writes)?.expectation(
      at: monday10)
    #expect(expected != nil && after == expected)
    // `vigil baseline list` reads profiles only: the series row is neither a profile nor
    // unreadable.
    let read = BaselineStorage.snapshot(rows)
    #expect(read.unreadable == 0 && read.rates.count == 1)
  }

  @Test("accepted facts go to their stream's profiles; lock and unlock by entity text")
  func feedback() throws {
    var flows = Self.detector()
    var audit = Self.detector()
    Self.learn(&flows)
    Self.learn(&audit)
    let time = Timestamp(seconds: 1_800_010_000)
    let accept = try BaselineFeedbackApplier.accept(
      [
        BehaviorFact(entity: Self.api, category: .peer, value: "vault:8200/tcp", time: time),
        BehaviorFact(entity: Self.worker, category: .apiCall, value: "list secrets -", time: time),
      ], at: time, by: "alice")
    let lock = BaselineFeedback(action: .lock, entity: Self.api.description, created: time)
    #expect(BaselineFeedbackApplier.apply([accept, lock], stream: "flows", to: &flows) == 2)
    #expect(BaselineFeedbackApplier.apply([accept], stream: "audit", to: &audit) == 1)
    #expect(flows.novelty.book.count(of: "vault:8200/tcp", category: .peer, for: Self.api) > 0)
    #expect(audit.novelty.book.count(of: "vault:8200/tcp", category: .peer, for: Self.api) == 0)
    #expect(
      audit.novelty.book.count(of: "list secrets -", category: .apiCall, for: Self.worker) > 0)
    #expect(flows.novelty.book.profile(for: Self.api)?.locked == true)
    let unlock = BaselineFeedback(action: .unlock, entity: Self.api.description, created: time)
    BaselineFeedbackApplier.apply([unlock], stream: "flows", to: &flows)
    #expect(flows.novelty.book.profile(for: Self.api)?.locked == false)
    // The stored form reads back.
    try Self.withStore { store in
      let stored = try store.add(accept)
      #expect(try store.baselineFeedback(after: 0).map { $0.id } == [stored.id])
      #expect(try store.baselineFeedback(after: stored.id ?? 0).isEmpty)
      #expect(BaselineFeedbackApplier.facts(in: stored).count == 2)
    }
  }
}
