import Testing
import VigilCore

@testable import VigilDetect

@Suite("ProfileBook")
struct ProfileBookTests {
  typealias F = ProfileFixtures

  @Test("learning becomes stable after the period once the singletons are gone")
  func learningToStable() {
    var book = ProfileBook()
    let steady = ["db:5432/tcp", "cache:6379/tcp", "auth:8443/tcp"]
    let once = (0..<10).map { "batch-\($0):9000/tcp" }
    F.feed(&book, F.history(F.api, .peer, steady, times: 20, to: 20))
    F.feed(&book, F.history(F.api, .peer, once, times: 1, from: 20, to: 22))
    // Young and unsettled: learning.
    #expect(book.state(of: F.api, at: F.at(hours: 23)) == .learning)
    // Old enough, but 10 singletons in 70 observations (14 %) is above 5 %.
    #expect(book.state(of: F.api, at: F.at(hours: 25)) == .learning)
    #expect(book.profile(for: F.api)?.singletons(of: .peer) == 10)
    // The one-off peers come back: no singletons left, so it settles.
    F.feed(&book, F.history(F.api, .peer, once, times: 1, from: 25, to: 26))
    #expect(book.profile(for: F.api)?.singletons(of: .peer) == 0)
    #expect(book.state(of: F.api, at: F.at(hours: 26)) == .stable)
    #expect(book.profile(for: F.api)?.stableSince == F.at(hours: 26))
  }

  @Test("no finding while learning, even for a settled category")
  func noAlertWhileLearning() {
    var book = ProfileBook()
    F.feed(&book, F.history(F.api, .peer, ["db:5432/tcp"], times: 2_000, to: 20))
    let learned = book.statistics.learnedWhileLearning
    #expect(book.observe(F.fact(F.api, .peer, "evil:4444/tcp", hours: 21)) == nil)
    #expect(book.statistics.learnedWhileLearning == learned + 1)
    #expect(book.count(of: "evil:4444/tcp", category: .peer, for: F.api) == 1)
    // Once stable, a new value is reported.
    let finding = book.observe(F.fact(F.api, .peer, "evil2:4444/tcp", hours: 30))
    #expect(finding?.state == .stable)
  }

  @Test("a rollout relaxes a stable profile until the window ends")
  func rolloutRelaxes() {
    var book = F.settledBook()
    let rolloutAt = F.at(hours: 14 * 24 + 1)
    let relaxed = book.rollout(F.api, at: rolloutAt)
    #expect(relaxed)
    let until = rolloutAt.adding(.seconds(3_600))
    #expect(book.state(of: F.api, at: F.at(hours: 14 * 24 + 1.5)) == .relaxed(until: until))
    #expect(book.observe(F.fact(F.api, .peer, "new-db:5432/tcp", hours: 14 * 24 + 1.5)) == nil)
    #expect(book.statistics.learnedWhileRelaxed == 1)
    #expect(book.state(of: F.api, at: F.at(hours: 14 * 24 + 2.5)) == .stable)
    #expect(book.observe(F.fact(F.api, .peer, "other:80/tcp", hours: 14 * 24 + 2.5)) != nil)
    let unknown = book.rollout(F.web, at: rolloutAt)
    #expect(!unknown)
  }

  @Test("a locked profile learns nothing and reports every new value; unlock restores")
  func lockAndUnlock() {
    var book = F.settledBook()
    let locked = book.lock(F.api)
    #expect(locked)
    let t = 14.0 * 24 + 1
    #expect(book.state(of: F.api, at: F.at(hours: t)) == .locked)
    let before = book.count(of: "db:5432/tcp", category: .peer, for: F.api)
    #expect(book.observe(F.fact(F.api, .peer, "db:5432/tcp", hours: t)) == nil)
    #expect(book.count(of: "db:5432/tcp", category: .peer, for: F.api) == before)
    // A category with no history is reported too when locked.
    let first = book.observe(F.fact(F.api, .process, "/bin/sh", hours: t))
    #expect(first?.state == .locked)
    let again = book.observe(F.fact(F.api, .process, "/bin/sh", hours: t + 0.1))
    #expect(again?.state == .locked)
    #expect(book.count(of: "/bin/sh", category: .process, for: F.api) == 0)
    let unlocked = book.unlock(F.api)
    #expect(unlocked)
    #expect(book.state(of: F.api, at: F.at(hours: t + 0.2)) == .stable)
    #expect(book.observe(F.fact(F.api, .peer, "x:1/tcp", hours: t + 0.2))?.state == .stable)
    #expect(book.count(of: "x:1/tcp", category: .peer, for: F.api) == 1)
  }

  @Test("accept folds a value in as known, even in a locked profile")
  func acceptFoldsIn() {
    var book = F.settledBook()
    book.lock(F.api)
    let t = 14.0 * 24 + 1
    #expect(book.observe(F.fact(F.api, .peer, "metrics:9090/tcp", hours: t)) != nil)
    book.accept(F.fact(F.api, .peer, "metrics:9090/tcp", hours: t))
    #expect(book.observe(F.fact(F.api, .peer, "metrics:9090/tcp", hours: t + 1)) == nil)
    #expect(book.count(of: "metrics:9090/tcp", category: .peer, for: F.api) == 2)
    // In an unlocked profile, an alerted value (a singleton) stops being one.
    book.unlock(F.api)
    #expect(book.observe(F.fact(F.api, .peer, "backup:22/tcp", hours: t + 2)) != nil)
    #expect(book.profile(for: F.api)?.singletons(of: .peer) == 1)
    book.accept(F.fact(F.api, .peer, "backup:22/tcp", hours: t + 2))
    #expect(book.profile(for: F.api)?.singletons(of: .peer) == 0)
  }

  @Test("process facts in the startup window are learned, never reported")
  func startupWindow() {
    var configuration = ProfileBook.Configuration()
    configuration.learningPeriod = .seconds(10)
    var book = ProfileBook(configuration: configuration)
    let s = 1.0 / 3_600
    F.feed(&book, F.history(F.api, .process, ["/app/server"], times: 40, to: 20 * s))
    // Stable after 10 s, but still in the first minute: learned, not reported.
    #expect(book.observe(F.fact(F.api, .process, "/bin/sh", hours: 30 * s)) == nil)
    #expect(book.statistics.learnedAtStartup == 1)
    F.feed(
      &book, F.history(F.api, .process, ["/app/server"], times: 1_000, from: 31 * s, to: 50 * s))
    #expect(
      book.observe(F.fact(F.api, .process, "/usr/bin/curl", hours: 0.1))?.category == .process)
  }

  @Test("a new peer scores far higher for 3 peers than for 300 with singletons")
  func scoreOrdering() {
    var configuration = ProfileBook.Configuration()
    configuration.scoreThreshold = 0
    var book = ProfileBook(configuration: configuration)
    let few = ["db:5432/tcp", "cache:6379/tcp", "auth:8443/tcp"]
    F.feed(&book, F.history(F.api, .peer, few, times: 1_000, to: 14 * 24))
    let many = (0..<200).map { "svc-\($0):80/tcp" }
    let rare = (0..<100).map { "rare-\($0):80/tcp" }
    F.feed(&book, F.history(F.web, .peer, many, times: 15, to: 13 * 24))
    F.feed(&book, F.history(F.web, .peer, rare, times: 1, from: 13 * 24, to: 14 * 24))
    let t = 14.0 * 24 + 1
    let settled = book.observe(F.fact(F.api, .peer, "new:1/tcp", hours: t))
    let busy = book.observe(F.fact(F.web, .peer, "new:1/tcp", hours: t))
    guard let settled, let busy else {
      Issue.record("both profiles are stable and settled; threshold 0 reports both")
      return
    }
    #expect(settled.score > busy.score + 1.5)
    #expect(settled.newValueProbability < 0.001)
    #expect(busy.newValueProbability > 0.01)
    #expect(settled.knownValues.map(\.value).sorted() == few.sorted())
  }

  @Test("the default threshold and namespace sensitivity decide what is reported")
  func thresholdAndSensitivity() {
    var book = ProfileBook()
    F.feed(
      &book, F.history(F.api, .peer, ["db:5432/tcp", "cache:6379/tcp"], times: 1_000, to: 14 * 24))
    let many = (0..<200).map { "svc-\($0):80/tcp" }
    F.feed(&book, F.history(F.web, .peer, many, times: 15, to: 13 * 24))
    F.feed(
      &book,
      F.history(
        F.web, .peer, (0..<100).map { "rare-\($0):80/tcp" }, times: 1, from: 13 * 24, to: 14 * 24))
    let t = 14.0 * 24 + 1
    // (The first of web's hundred one-off peers alerted, then the rest fell below the
    // threshold as the category's singletons grew: the category quiets itself.)
    let below = book.statistics.belowThreshold
    #expect(below > 50)
    #expect(book.observe(F.fact(F.api, .peer, "a:1/tcp", hours: t)) != nil)
    #expect(book.observe(F.fact(F.web, .peer, "a:1/tcp", hours: t)) == nil)
    #expect(book.statistics.belowThreshold == below + 1)
    book.setSensitivity(2, forNamespace: "shop")
    let sensitive = book.observe(F.fact(F.web, .peer, "b:1/tcp", hours: t))
    #expect(sensitive?.sensitivity == 2)
    #expect(sensitive?.threshold == 1.25)
    book.setSensitivity(0, forNamespace: "payments")
    #expect(book.observe(F.fact(F.api, .peer, "c:1/tcp", hours: t)) == nil)
  }

  @Test("a category a stable profile never had is scored by the profile's history")
  func firstValueOfCategory() {
    var book = F.settledBook()
    // The book has seen domains for a long time (another workload resolved names).
    F.feed(&book, F.history(F.web, .domain, ["cdn.example.com"], times: 50, to: 14 * 24))
    let finding = book.observe(F.fact(F.api, .domain, "callback.evil.example", hours: 14 * 24 + 1))
    #expect(finding?.firstOfCategory == true)
    #expect((finding?.score ?? 0) > 3)
    // A category the book only just started seeing (a source that came online) is not.
    #expect(book.observe(F.fact(F.api, .listeningPort, "8080/tcp", hours: 14 * 24 + 1)) == nil)
    #expect(book.statistics.learnedInUnsettledCategory == 1)
  }

  @Test("values above top-K go to the sketch and return as known; profiles stay under the cap")
  func evictionBounds() {
    var configuration = ProfileBook.Configuration()
    configuration.valuesPerCategory = 16
    configuration.maxProfiles = 10
    var book = ProfileBook(configuration: configuration)
    let values = (0..<100).map { "peer-\($0):80/tcp" }
    F.feed(&book, F.history(F.api, .peer, values, times: 3, to: 48))
    let kept = book.knownValues(of: F.api, category: .peer)
    #expect(kept.count <= 16)
    #expect(book.statistics.evictedValues >= 84)
    #expect(book.profile(for: F.api)?.distinctValues(of: .peer) == 100)
    let evicted = values.first { v in !kept.contains { $0.value == v } } ?? ""
    let returning = book.statistics.returningValues
    #expect(book.observe(F.fact(F.api, .peer, evicted, hours: 49)) == nil)
    #expect(book.statistics.returningValues == returning + 1)
    for i in 0..<25 {
      let entity = EntityKey.workload(namespace: "ns", kind: "Deployment", name: "w\(i)")
      _ = book.observe(F.fact(entity, .image, "registry.example/w\(i)", hours: 50 + Double(i)))
    }
    #expect(book.profileCount <= 10)
    #expect(book.statistics.evictedProfiles >= 16)
    // The most recent survive; evicted profiles' values are released.
    #expect(book.profile(for: .workload(namespace: "ns", kind: "Deployment", name: "w24")) != nil)
    #expect(book.profile(for: .workload(namespace: "ns", kind: "Deployment", name: "w0")) == nil)
    #expect(book.internedValues <= 10)
  }
}
