import Foundation
import Testing
import VigilCore
import VigilRules
import VigilTesting

/// Every alert names the controls it gives evidence for: each rule Vigil ships, and each rule of
/// Falco's k8saudit ruleset, maps to compliance controls.
@Suite struct RuleControlsTests {
  @Test func vigilsPackNamesATTACKAndAllFiveFrameworksOnEveryRule() throws {
    let rules = try RuleSet.load(files: [
      SharedData.repositoryRoot.appendingPathComponent("rules/audit.yaml")
    ])
    #expect(rules.rules.count >= 20)
    for rule in rules.rules {
      let frameworks = Set(
        ControlCatalog.controls(rule: rule.name, tags: rule.tags).map(\.framework))
      #expect(
        frameworks == Set(ComplianceControl.Framework.allCases), "\(rule.name): \(frameworks)")
    }
  }

  @Test(
    .enabled(if: SharedData.shouldRun, "../shared is absent (not CI): skipping Falco's ruleset"))
  func everyFalcoK8sAuditRuleMapsToControls() throws {
    let file = try SharedData.require("anchors/falco-k8saudit/rules/k8s_audit_rules.yaml")
    let rules = try RuleSet.load(files: [file])
    #expect(rules.rules.count == 48)
    for rule in rules.rules {
      let controls = ControlCatalog.controls(rule: rule.name, tags: rule.tags)
      #expect(controls.contains { $0.framework == .soc2 }, "\(rule.name)")
      #expect(controls.contains { $0.framework == .nist }, "\(rule.name)")
    }
  }
}
