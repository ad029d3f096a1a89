import Foundation
import Testing
import VigilCore

@testable import VigilDetect

@Suite("ProfileSnapshot")
struct ProfileSnapshotTests {
  typealias F = ProfileFixtures

  @Test("a restored book makes the same novelty decisions as the original")
  func roundTrip() throws {
    var configuration = ProfileBook.Configuration()
    configuration.valuesPerCategory = 32  // small, so the sketch is exercised
    var book = ProfileBook(configuration: configuration)
    F.feed(
      &book,
      F.history(
        F.api, .peer, ["db:5432/tcp", "cache:6379/tcp", "auth:8443/tcp"], times: 1_000, to: 14 * 24)
    )
    F.feed(&book, F.history(F.api, .domain, ["api.stripe.com"], times: 100, to: 14 * 24))
    let many = (0..<100).map { "svc-\($0):80/tcp" }
    F.feed(&book, F.history(F.web, .peer, many, times: 30, to: 14 * 24))
    F.feed(
      &book,
      F.history(
        F.deployer, .apiCall, ["patch deployments payments", "get pods payments"], times: 50, to: 2)
    )
    book.lock(F.deployer)
    book.rollout(F.web, at: F.at(hours: 14 * 24 - 0.5))

    let snapshot = book.snapshot()
    let json = try JSONEncoder().encode(snapshot)
    let decoded = try JSONDecoder().decode(ProfileSnapshot.self, from: json)
    #expect(decoded == snapshot)
    #expect(decoded.records.map(\.key) == [F.deployer, F.api, F.web].sorted().map(\.description))
    #expect(decoded.records.first { $0.entity == F.deployer }?.state == "locked")
    // Each record stands alone as a store row body.
    let row = try JSONEncoder().encode(snapshot.records[0].body)
    #expect(
      try JSONDecoder().decode(EntityProfileRecord.Body.self, from: row) == snapshot.records[0].body
    )

    var restored = ProfileBook(restoring: decoded, configuration: configuration)
    #expect(restored.snapshot() == snapshot)

    let t = 14.0 * 24 + 1
    var probe: [BehaviorFact] = [
      F.fact(F.api, .peer, "db:5432/tcp", hours: t),
      F.fact(F.api, .peer, "vault:8200/tcp", hours: t),
      F.fact(F.api, .domain, "evil.example", hours: t),
      F.fact(F.api, .process, "/bin/sh", hours: t),
      F.fact(F.deployer, .apiCall, "get secrets kube-system", hours: t),
      F.fact(F.web, .peer, "svc-3:80/tcp", hours: t),
      F.fact(F.web, .peer, "svc-999:80/tcp", hours: t),
    ]
    probe += many.map { F.fact(F.web, .peer, $0, hours: t + 0.5) }  // evicted ones return
    let original = probe.map { book.observe($0) }
    let again = probe.map { restored.observe($0) }
    #expect(original == again)
    #expect(original.compactMap { $0 }.count >= 3)
    #expect(book.snapshot().records == restored.snapshot().records)
  }
}
