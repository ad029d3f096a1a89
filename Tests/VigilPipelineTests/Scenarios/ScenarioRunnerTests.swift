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

  /// Which detector family must catch each attack (at least one alert of these rules): the
  /// learned baselines for the ones no rule can see.
  static let baselineRules: [ScenarioAttack.Kind: [String]] = [
    .log4jCallback: ["New external domain for a stable workload"],
    .exfiltration: ["Unusual Rate of Activity", "Unusual Activity Mix"],
    .stolenToken: [
      "New source IP for a stable service account",
      "New API call shape for a stable service account",
    ],
  ]

  @Test(arguments: [1, 2, 3] as [UInt64])
  func everyAttackIsDetectedWithFewFalseAlerts(seed: UInt64) throws {
    let report = try Self.run(seed: seed, attacks: ScenarioAttack.Kind.allCases)
    print(report.text)
    #expect(report.attacks.count == ScenarioAttack.Kind.allCases.count)
    for result in report.attacks {
      #expect(result.isDetected, "seed \(seed): \(result.attack.id) not detected")
      if let expected = Self.baselineRules[result.attack.kind] {
        #expect(
          result.rules.contains { expected.contains($0) },
          "seed \(seed): \(result.attack.id) caught by \(result.rules), not the baselines")
      }
    }
    #expect(
      report.falseAlertsPerDay <= ScenarioReport.maximumFalseAlertsPerDay,
      "false alerts:\n\(Self.describe(report.falseAlerts))")
    #expect(report.unexplained.isEmpty, "\(Self.describe(report.unexplained))")
    #expect(report.meetsTargets)
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
