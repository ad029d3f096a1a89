import Foundation
import Testing
import VigilAudit
import VigilCore
import VigilRules
import VigilTesting

/// Falco's own k8saudit regression cases (`../shared/anchors/falco-k8saudit/cases.tsv`): the same
/// rule files, loaded unchanged in the same order, must fire the same rules on the same events.
@Suite struct FalcoParityTests {
  struct Case: CustomStringConvertible {
    var line: Int
    var eventFile: String
    var ruleFiles: [String]
    var expected: String
    var description: String { "cases.tsv:\(line) \(eventFile) [\(ruleFiles.joined(separator: "+"))]" }
  }

  static func cases() throws -> [Case] {
    let folder = try SharedData.require("anchors/falco-k8saudit")
    let text = try String(
      contentsOf: folder.appendingPathComponent("cases.tsv"), encoding: .utf8)
    var result: [Case] = []
    for (n, line) in text.split(separator: "\n").enumerated() where n > 0 {
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard columns.count >= 3 else { continue }
      result.append(
        Case(
          line: n + 1, eventFile: columns[0],
          ruleFiles: columns[1].split(separator: "+").map(String.init), expected: columns[2]))
    }
    return result
  }

  static func ruleURL(_ name: String) throws -> URL {
    let rules = try SharedData.require("anchors/falco-k8saudit/rules")
    return name == "k8s_audit_rules.yaml"
      ? rules.appendingPathComponent(name)
      : rules.appendingPathComponent("overrides").appendingPathComponent(name)
  }

  @Test(.enabled(if: SharedData.shouldRun, "\(SharedData.skipMessage)"))
  func everyRegressionCaseMatchesFalco() throws {
    let cases = try Self.cases()
    #expect(cases.count >= 40)
    let events = try SharedData.require("anchors/falco-k8saudit/events")
    var sets: [String: RuleSet] = [:]
    for testCase in cases {
      let key = testCase.ruleFiles.joined(separator: "+")
      let ruleSet: RuleSet
      if let cached = sets[key] {
        ruleSet = cached
      } else {
        let urls = try testCase.ruleFiles.map(Self.ruleURL)
        do {
          ruleSet = try RuleSet.load(files: urls)
        } catch {
          Issue.record("\(testCase): rules do not load:\n\(error)")
          continue
        }
        sets[key] = ruleSet
      }
      let text = try String(
        contentsOf: events.appendingPathComponent(testCase.eventFile), encoding: .utf8)
      let decoded = AuditDecoder().decode(
        text: text, at: SourcePosition(file: testCase.eventFile, line: 1))
      if testCase.expected.hasPrefix("stderr:") {
        #expect(decoded.events.isEmpty, "\(testCase)")
        #expect(decoded.diagnostics.contains { $0.code == .notAuditEvent }, "\(testCase)")
        continue
      }
      #expect(!decoded.events.isEmpty, "\(testCase): no events decoded \(decoded.diagnostics)")
      var counts: [String: Int] = [:]
      for event in decoded.events {
        for match in ruleSet.evaluate(event) { counts[match.rule.name, default: 0] += 1 }
      }
      if testCase.expected.hasPrefix("NONE") {
        #expect(counts.isEmpty, "\(testCase): expected no detection, got \(counts)")
        continue
      }
      let data = Data(testCase.expected.utf8)
      let expected = try #require(
        JSONSerialization.jsonObject(with: data) as? [String: Int], "\(testCase)")
      for (rule, count) in expected {
        #expect(ruleSet.rule(named: rule) != nil, "\(testCase): no rule named \(rule)")
        #expect(counts[rule, default: 0] == count, "\(testCase): \(rule) fired \(counts[rule, default: 0])×, expected \(count); all: \(counts)")
      }
    }
  }

  @Test(.enabled(if: SharedData.shouldRun, "\(SharedData.skipMessage)"))
  func gkeOverlayLoadsOnTopOfTheMainRules() throws {
    let rules = try SharedData.require("anchors/falco-k8saudit/rules")
    let set = try RuleSet.load(files: [
      rules.appendingPathComponent("k8s_audit_rules.yaml"),
      rules.appendingPathComponent("k8s_audit_rules_gke.yaml"),
    ])
    #expect(set.rules.count == 48)
    #expect(set.rules.allSatisfy { $0.enabled && $0.isEvaluated && $0.source == "k8s_audit" })
    // The overlay appended an exception to one rule and items to four lists.
    let user = try #require(set.rule(named: "Disallowed K8s User"))
    #expect(user.condition.contains("non_system_user"))
    #expect(!set.diagnostics.contains { $0.severity == .error })
  }
}
