import Testing
import VigilCore

@testable import VigilDetect

@Suite("NoveltyDetector")
struct NoveltyDetectorTests {
  typealias F = ProfileFixtures

  /// A detector whose `api` profile is settled on 3 peers over 14 days.
  func settledDetector() -> NoveltyDetector {
    NoveltyDetector(book: F.settledBook())
  }

  @Test("an alert explains what is new, the score, the learning time and the known values")
  func explanation() {
    var detector = settledDetector()
    let t = 14.0 * 24 + 2
    let alerts = detector.observe(F.observation([F.fact(F.api, .peer, "vault:8200/tcp", hours: t)]))
    #expect(alerts.count == 1)
    guard let alert = alerts.first else { return }
    #expect(alert.rule == "New network peer for a stable workload")
    #expect(alert.source == "vigil_anomaly")
    #expect(alert.output.contains("vault:8200/tcp"))
    #expect(alert.output.contains("learning for 14d 2h"))
    #expect(alert.output.contains("3 known peers"))
    for known in ["db:5432/tcp", "cache:6379/tcp", "auth:8443/tcp"] {
      #expect(alert.output.contains(known))
    }
    let fields = Dictionary(
      alert.fields.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
    #expect(fields["novelty.value"] == "vault:8200/tcp")
    #expect(fields["novelty.category"] == "peer")
    #expect(fields["profile.entity.name"] == "payments/Deployment/api")
    #expect(fields["profile.learning_for"] == "14d 2h")
    #expect(Double(fields["novelty.score"] ?? "") ?? 0 > 3)
    #expect(Double(fields["novelty.p_new"] ?? "") ?? 1 < 0.001)
    #expect(fields["novelty.known"]?.contains("(1000)") == true)
    #expect(alert.tags.contains("mitre:T1021"))
    #expect(alert.controls.contains(ComplianceControl(framework: .soc2, id: "CC7.2")))
    #expect(alert.controls.contains(ComplianceControl(framework: .nist, id: "SI-4")))
    #expect(alert.subject.namespace == "payments")
    #expect(alert.subject.name == "api")
    #expect(alert.count == 1)
  }

  @Test("no alert while the profile learns")
  func quietWhileLearning() {
    var detector = NoveltyDetector()
    let facts =
      F.history(F.api, .peer, ["db:5432/tcp"], times: 1_000, to: 20)
      + [F.fact(F.api, .peer, "new:1/tcp", hours: 21)]
    #expect(detector.observe(F.observation(facts)).isEmpty)
    #expect(detector.finish().isEmpty)
  }

  @Test("novelties within the window aggregate into one alert and a summary")
  func aggregation() {
    var book = F.settledBook()
    // The book has known images for as long as the peers (another workload's).
    F.feed(&book, F.history(F.web, .image, ["registry.example/web"], times: 10, to: 14 * 24))
    var detector = NoveltyDetector(book: book)
    let t = 14.0 * 24 + 1
    var alerts = detector.observe(F.observation([F.fact(F.api, .peer, "x1:22/tcp", hours: t)]))
    #expect(alerts.count == 1)
    alerts += detector.observe(F.observation([F.fact(F.api, .peer, "x2:22/tcp", hours: t + 0.2)]))
    alerts += detector.observe(F.observation([F.fact(F.api, .peer, "x3:22/tcp", hours: t + 0.5)]))
    #expect(alerts.count == 1)
    #expect(detector.statistics.aggregated == 2)
    // The window closes: one summary with every value and the count, same dedup key.
    let summary = detector.flush(upTo: F.at(hours: t + 1))
    #expect(summary.count == 1)
    #expect(summary.first?.count == 3)
    #expect(summary.first?.dedupKey == alerts.first?.dedupKey)
    #expect(
      summary.first?.fields.filter { $0.name == "novelty.value" }.map(\.value) == [
        "x1:22/tcp", "x2:22/tcp", "x3:22/tcp",
      ])
    #expect(summary.first?.lastSeen == F.at(hours: t + 0.5))
    // After the window a new value alerts again.
    let later = detector.observe(F.observation([F.fact(F.api, .peer, "x4:22/tcp", hours: t + 1.5)]))
    #expect(later.count == 1)
    // A different category is its own window.
    let process = detector.observe(
      F.observation([F.fact(F.api, .image, "evil/miner", hours: t + 1.6)]))
    #expect(process.count == 1)
    #expect(process.first?.rule == "New image for a stable workload")
    #expect(process.first?.tags.contains("mitre:T1610") == true)
  }

  @Test("a suppression hides matching findings until it expires; they are still learned")
  func suppressionWithExpiry() {
    var detector = settledDetector()
    let t = 14.0 * 24 + 1
    detector.suppress(
      NoveltySuppression(
        scope: .namespace("pay*"), category: .peer, value: "10.0.*", until: F.at(hours: t + 2)))
    #expect(
      detector.observe(F.observation([F.fact(F.api, .peer, "10.0.0.5:443/tcp", hours: t)])).isEmpty)
    #expect(detector.statistics.suppressed == 1)
    #expect(detector.book.count(of: "10.0.0.5:443/tcp", category: .peer, for: F.api) == 1)
    // Not matching the value pattern: alerted.
    #expect(
      detector.observe(F.observation([F.fact(F.api, .peer, "192.168.1.1:443/tcp", hours: t + 0.1)]))
        .count == 1)
    // After expiry the same pattern alerts (a later window).
    let after = detector.observe(
      F.observation([F.fact(F.api, .peer, "10.0.0.6:443/tcp", hours: t + 3)]))
    #expect(after.count == 1)
    #expect(detector.statistics.expiredSuppressions == 1)
    #expect(detector.suppressions.isEmpty)
  }

  @Test("accepting an alert folds its values into the profile")
  func acceptAlert() {
    var detector = settledDetector()
    detector.book.lock(F.api)
    let t = 14.0 * 24 + 1
    let alerts = detector.observe(F.observation([F.fact(F.api, .peer, "new:9/tcp", hours: t)]))
    #expect(alerts.first?.severity == .error)
    guard let alert = alerts.first else { return }
    #expect(NoveltyDetector.facts(in: alert).map(\.value) == ["new:9/tcp"])
    #expect(detector.accept(alert) == 1)
    _ = detector.finish()
    #expect(
      detector.observe(F.observation([F.fact(F.api, .peer, "new:9/tcp", hours: t + 2)])).isEmpty)
  }

  @Test("rules and techniques per category and entity kind; rollouts relax")
  func namesAndRollouts() {
    #expect(
      NoveltyDetector.ruleName(.apiCall, kind: .serviceAccount)
        == "New API call shape for a stable service account")
    #expect(NoveltyDetector.tags(.apiCall, kind: .serviceAccount).contains("mitre:T1078.004"))
    #expect(NoveltyDetector.tags(.domain, kind: .workload).contains("mitre:T1071"))
    #expect(NoveltyDetector.ruleName(.sourceIP, kind: .user) == "New source IP for a stable user")
    var detector = settledDetector()
    let t = 14.0 * 24 + 1
    let rollout = F.observation(
      [F.fact(F.api, .image, "registry.example/api", hours: t)], rollouts: [F.api])
    #expect(detector.observe(rollout).isEmpty)
    #expect(
      detector.observe(F.observation([F.fact(F.api, .peer, "new:1/tcp", hours: t + 0.5)])).isEmpty)
    #expect(
      detector.observe(F.observation([F.fact(F.api, .peer, "new:2/tcp", hours: t + 1.5)])).count
        == 1)
  }
}
