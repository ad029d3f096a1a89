import Foundation
import Testing
import VigilCore
import VigilPipeline
import VigilRules
import VigilTesting

/// The whole pipeline over three simulated days (seed 1): the benign history raises few false
/// alerts, and the attacks the existing detectors cover are detected.
@Suite(.serialized) struct ScenarioRunnerTests {
  static func rules() throws -> RuleSet {
    try RuleSet.load(files: [SharedData.repositoryRoot.appendingPathComponent("rules/audit.yaml")])
  }

  static func run(seed: UInt64, attacks: [ScenarioAttack.Kind]) throws -> ScenarioReport {
    var configuration = ClusterSimulator.Configuration()
    configuration.seed = seed
    configuration.attacks = attacks
    let history = ClusterSimulator.run(configuration)
    var analyzer = try StandardScenarioAnalyzer(
      rules: try rules(), snapshot: history.snapshot, start: history.start)
    return ScenarioRunner.run(history, analyzer: &analyzer)
  }

  static func describe(_ alerts: [Alert]) -> String {
    alerts.prefix(12).map { "\($0.rule) [\($0.severity)]: \($0.output)" }.joined(separator: "\n")
  }

  @Test func benignDaysRaiseAtMostFiveFalseAlertsPerDay() throws {
    let report = try Self.run(seed: 1, attacks: [])
    print(report.text)
    #expect(report.diagnostics == 0)
    #expect(report.attacks.isEmpty)
    #expect(
      report.falseAlertsPerDay <= 5,
      "false alerts:\n\(Self.describe(report.falseAlerts))")
    #expect(report.unexplained.isEmpty, "\(Self.describe(report.unexplained))")
  }

  /// Detected today by the rules, provenance and network detectors.
  static let detectedToday: Set<ScenarioAttack.Kind> = [
    .cryptominer, .outOfBandSetImage, .lateralMovement, .stolenToken,
  ]
  /// Waiting for the learned baselines (novelty, rates) of issue 7; the lead moves each to
  /// `detectedToday` as they land.
  static let awaitingBaselines: Set<ScenarioAttack.Kind> = [.log4jCallback, .exfiltration]

  @Test func attacksCoveredByTodaysDetectorsAreDetected() throws {
    let report = try Self.run(seed: 1, attacks: ScenarioAttack.Kind.allCases)
    print(report.text)
    #expect(report.attacks.count == ScenarioAttack.Kind.allCases.count)
    for result in report.attacks where Self.detectedToday.contains(result.attack.kind) {
      #expect(result.isDetected, "\(result.attack.id) not detected")
    }
    for result in report.attacks where Self.awaitingBaselines.contains(result.attack.kind) {
      // Recorded, not required yet: prints which are already caught.
      if result.isDetected { print("already detected: \(result.attack.id) by \(result.rules)") }
    }
    #expect(report.falseAlertsPerDay <= 5, "false alerts:\n\(Self.describe(report.falseAlerts))")
    #expect(report.unexplained.isEmpty, "\(Self.describe(report.unexplained))")
  }

  @Test func scoringMatchesAlertsToAttacksByEntity() throws {
    var configuration = ClusterSimulator.Configuration()
    configuration.days = 2
    configuration.attacks = [.outOfBandSetImage]
    let history = ClusterSimulator.run(configuration)
    let attack = try #require(history.attacks.first)
    let subject = AlertSubject(
      user: "bob@example.com", namespace: "prod-web", resource: "deployments", name: "frontend")
    let hit = Alert(
      rule: "R", severity: .warning, time: attack.injectedAt, output: "images=x:5.2.1-hotfix",
      source: "test", tags: ["mitre:T1525", "soc2:CC8.1"], fields: [], subject: subject,
      evidence: [], dedupKey: "a")
    var miss = hit
    miss.output = "something else"
    miss.dedupKey = "b"
    var early = hit
    early.time = history.start
    early.lastSeen = history.start
    early.dedupKey = "c"
    let report = ScenarioRunner.score([hit, miss, early], history: history)
    #expect(report.attacks.first?.isDetected == true)
    #expect(report.attacks.first?.alerts.count == 1)
    #expect(report.attacks.first?.timeToDetection == .zero)
    #expect(report.falseAlerts.count == 1)
    #expect(report.learningAlerts.count == 1)
    #expect(report.text.contains("oob-set-image"))
  }
}
