import ArgumentParser
import Foundation
import VigilCore
import VigilJSON
import VigilRules

/// `vigil rules list`: the loaded rules with priority, tags and compliance controls.
struct RulesListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract:
      "List the loaded rules: priority, source, tags, ATT&CK techniques and compliance controls.")

  @OptionGroup var rules: RuleOptions

  @Flag(help: "Include disabled rules.")
  var all = false

  @Flag(help: "One JSON object per rule.")
  var json = false

  func run() throws {
    let set = try rules.load()
    for rule in set.rules where all || rule.enabled {
      let controls = ControlCatalog.controls(rule: rule.name, tags: rule.tags)
      if json {
        var line =
          "{\"rule\":\(JSONText.quoted(rule.name)),\"priority\":\(JSONText.quoted(rule.priority.description))"
        line += ",\"enabled\":\(rule.enabled),\"source\":\(JSONText.quoted(rule.source))"
        line += ",\"tags\":[" + rule.tags.map(JSONText.quoted).joined(separator: ",") + "]"
        line +=
          ",\"controls\":["
          + controls.map { JSONText.quoted($0.description) }.joined(separator: ",") + "]"
        line += ",\"origin\":\(JSONText.quoted(rule.origin.description))}"
        print(line)
        continue
      }
      let state = rule.enabled ? "" : " (disabled)"
      print("\(rule.priority.description.padding(9)) \(rule.name)\(state)")
      print("          source: \(rule.source)   defined at \(rule.origin)")
      if !controls.isEmpty {
        for framework in ComplianceControl.Framework.allCases {
          let ids = controls.filter { $0.framework == framework }.map(\.id)
          if !ids.isEmpty {
            print("          \(framework.rawValue): \(ids.joined(separator: ", "))")
          }
        }
      }
      let plain = rule.tags.filter { ComplianceControl(tag: $0) == nil }
      if !plain.isEmpty { print("          tags: \(plain.joined(separator: ", "))") }
    }
    if !json {
      let enabled = set.rules.filter(\.enabled).count
      print("\n\(set.rules.count) rules (\(enabled) enabled)")
    }
  }
}

extension String {
  /// Pads with spaces to `width`.
  func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
