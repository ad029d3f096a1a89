import Testing
import VigilRules

/// The linter reports every problem, each at its line and column.
@Suite struct RuleLinterTests {
  static let yaml = """
    - macro: creating
      condition: ka.verb = create
    - macro: spare
      condition: ka.verb = get
    - list: spare_list
      items: [a]
    - rule: One
      desc: d
      condition: creating and t.usr = alice
      output: o
      priority: WARNING
      source: k8s_audit
    - rule: Two
      desc: d
      condition: creatin and ka.verb = x
      output: o
      priority: SEVERE
      source: k8s_audit
      tagz: [x]
    - rule: Three
      desc: d
      condition: ka.verb = (x
      output: o
      priority: INFO
      source: k8s_audit
    """

  @Test func reportsEveryProblemInOrder() {
    let diagnostics = RuleLinter(registry: RuleFixtures.registry).lint(texts: [("rules.yaml", Self.yaml)])
    let summary = diagnostics.map { "\($0.line):\($0.column) \($0.code.rawValue)" }
    #expect(
      summary == [
        "3:3 unused-macro", "5:3 unused-list", "9:27 unknown-field", "17:13 bad-priority",
        "19:3 unknown-key", "22:24 condition-syntax",
      ], "\(diagnostics.map(\.description))")
    let field = diagnostics.first { $0.code == .unknownField }
    #expect(
      field?.description
        == "rules.yaml:9:27: error unknown-field: unknown field 't.usr' (did you mean t.user or t.ns?)")
  }

  @Test func undefinedMacroSuggestsTheClosest() {
    let yaml = Self.yaml.replacingAll("priority: SEVERE", with: "priority: INFO")
    let diagnostics = RuleLinter(registry: RuleFixtures.registry).lint(texts: [("r.yaml", yaml)])
    let undefined = diagnostics.first { $0.code == .undefinedMacro }
    #expect(undefined?.line == 15)
    #expect(undefined?.column == 14)
    #expect(undefined?.suggestions == ["creating"])
  }
}

extension String {
  func replacingAll(_ target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}

@Suite struct RuleNameWarningTests {
  @Test func macroAndListNamesMustBeIdentifiers() {
    let yaml = "- macro: my-macro\n  condition: ka.verb = get\n- list: 'a list'\n  items: []"
    let diagnostics = RuleLinter(registry: RuleFixtures.registry).lint(texts: [("n.yaml", yaml)])
    #expect(diagnostics.filter { $0.code == .invalidName }.map(\.line) == [1, 3])
    #expect(diagnostics.allSatisfy { $0.severity == .warning })
  }
}
