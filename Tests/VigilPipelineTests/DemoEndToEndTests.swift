import Foundation
import Testing
import VigilCore
import VigilPipeline
import VigilRules
import VigilStore
import VigilTesting

/// The demo day through the whole pipeline: every attack woven into it is found by the rule
/// named in `demo/expected.json`, and the benign traffic raises nothing at WARNING or above.
@Suite(.serialized) struct DemoEndToEndTests {
  struct Attack {
    var id: String
    var auditIDs: Set<String>
    var rules: [String]
    var falcoRules: [String]
  }

  static let root = SharedData.repositoryRoot
  static let demoLog = root.appendingPathComponent("demo/audit-day.jsonl.gz").path

  static func attacks() throws -> [Attack] {
    let data = try Data(contentsOf: root.appendingPathComponent("demo/expected.json"))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let list = try #require(object["attacks"] as? [[String: Any]])
    return list.map {
      Attack(
        id: $0["id"] as? String ?? "?", auditIDs: Set($0["auditIDs"] as? [String] ?? []),
        rules: $0["rules"] as? [String] ?? [], falcoRules: $0["falcoRules"] as? [String] ?? [])
    }
  }

  static func analyze(ruleFiles: [URL], store: (any Store)? = nil) throws -> ([Alert], Summary) {
    let rules = try RuleSet.load(files: ruleFiles)
    var configuration = AuditAnalysis.Configuration()
    configuration.inputs = [demoLog]
    var alerts: [Alert] = []
    let summary = try AuditAnalysis(configuration: configuration, rules: rules, store: store)
      .run(onAlert: { alerts.append($0) })
    return (alerts, summary)
  }

  static func evidence(_ alert: Alert) -> Set<String> { Set(alert.evidence.compactMap(\.auditID)) }

  @Test func vigilsPackFindsEveryAttackAndNothingElseAtWarning() throws {
    let attacks = try Self.attacks()
    #expect(attacks.count >= 10)
    let store = InMemoryStore()
    let (alerts, summary) = try Self.analyze(
      ruleFiles: [Self.root.appendingPathComponent("rules/audit.yaml")], store: store)
    #expect(summary.events > 30_000)
    #expect(summary.diagnosticsByCode.filter { $0.key != .duplicate }.isEmpty)

    for attack in attacks {
      for rule in attack.rules {
        #expect(
          alerts.contains {
            $0.rule == rule && !Self.evidence($0).isDisjoint(with: attack.auditIDs)
          },
          "attack \(attack.id): rule \(rule) did not fire on its events")
      }
    }
    let attackIDs = attacks.reduce(into: Set<String>()) { $0.formUnion($1.auditIDs) }
    let falsePositives = alerts.filter {
      $0.severity >= .warning && Self.evidence($0).isDisjoint(with: attackIDs)
    }
    #expect(
      falsePositives.isEmpty,
      "benign traffic raised: \(falsePositives.map { "\($0.rule): \($0.output)" })")

    // Alerts and their evidence events are in the store.
    let stored = try store.alerts(AlertQuery(minimumSeverity: .warning))
    #expect(stored.count == alerts.filter { $0.severity >= .warning }.count)
    let counts = try store.counts()
    #expect(counts.events > 0)
  }

  @Test(
    .enabled(
      if: SharedData.shouldRun,
      "../shared is absent (not CI): skipping Falco's ruleset over the demo"))
  func falcosRulesetAlsoFindsTheAttacksItCovers() throws {
    let falco = try SharedData.require("anchors/falco-k8saudit/rules/k8s_audit_rules.yaml")
    let (alerts, _) = try Self.analyze(
      ruleFiles: [falco, Self.root.appendingPathComponent("rules/audit.yaml")])
    for attack in try Self.attacks() {
      for rule in attack.falcoRules + attack.rules {
        #expect(
          alerts.contains {
            $0.rule == rule && !Self.evidence($0).isDisjoint(with: attack.auditIDs)
          },
          "attack \(attack.id): rule \(rule) did not fire")
      }
    }
  }
}
