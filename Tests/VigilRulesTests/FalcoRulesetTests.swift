import Foundation
import Testing
import VigilAudit
import VigilCore
import VigilRules
import VigilTesting

/// The whole Falco k8saudit ruleset with the real field set, and evaluation speed.
@Suite struct FalcoRulesetTests {
  static func load() throws -> RuleSet {
    let rules = try SharedData.require("anchors/falco-k8saudit/rules")
    return try RuleSet.load(files: [rules.appendingPathComponent("k8s_audit_rules.yaml")])
  }

  static func events() throws -> [Event] {
    let folder = try SharedData.require("anchors/falco-k8saudit/events")
    var events: [Event] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
      let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      events += AuditDecoder().decode(text: text).events
    }
    return events
  }

  @Test(.enabled(if: SharedData.shouldRun, "\(SharedData.skipMessage)"))
  func loadsEveryRuleWithoutErrors() throws {
    let set = try Self.load()
    #expect(set.rules.count == 48)
    #expect(set.rules.allSatisfy { $0.isEvaluated })
    #expect(set.requiredEngineVersion == "15")
    let attach = try #require(set.rule(named: "Attach/Exec Pod"))
    #expect(attach.priority == .notice)
    #expect(attach.origin.line > 1)
    #expect(attach.expandedCondition.hasPrefix("jevt.value[/stage] = ResponseStarted and"))
  }

  @Test(.enabled(if: SharedData.shouldRun, "\(SharedData.skipMessage)"))
  func rendersFalcoOutputs() throws {
    let set = try Self.load()
    let folder = try SharedData.require("anchors/falco-k8saudit/events")
    let text = try String(contentsOf: folder.appendingPathComponent("attach_pod.json"), encoding: .utf8)
    let event = try #require(AuditDecoder().decode(text: text).events.first { !set.evaluate($0).isEmpty })
    let match = try #require(set.evaluate(event).first { $0.rule.name == "Attach/Exec Pod" })
    let rendered = match.render(event)
    #expect(rendered.output.hasPrefix("Attach/Exec to pod (user="))
    #expect(!rendered.output.contains("%"))
    #expect(rendered.fields.map(\.name).contains("ka.uri.param[command]"))
  }

  /// Per-event evaluation time of the full ruleset on the real events (printed; the bound is
  /// loose so debug builds pass — measure with `-c release`).
  @Test(.enabled(if: SharedData.shouldRun, "\(SharedData.skipMessage)"))
  func evaluationSpeed() throws {
    let set = try Self.load()
    let events = try Self.events()
    let rounds = 2_000
    var matches = 0
    let clock = ContinuousClock()
    for useIndex in [true, false] {
      let elapsed = clock.measure {
        for _ in 0..<rounds {
          for event in events { matches &+= set.evaluate(event, useIndex: useIndex).count }
        }
      }
      let perEvent = elapsed / (rounds * events.count)
      print("rule evaluation (index: \(useIndex)): \(perEvent) per event, \(events.count) events × \(rounds)")
      #expect(perEvent < .milliseconds(1))
    }
    #expect(matches > 0)
  }
}
