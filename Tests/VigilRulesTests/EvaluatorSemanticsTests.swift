import Testing
import VigilRules

/// Falco's comparison semantics: missing fields, lists, numbers, bools.
@Suite struct EvaluatorSemanticsTests {
  @Test func missingFieldMakesEveryComparisonFalse() throws {
    let json = #"{"verb":"get"}"#
    #expect(try !RuleFixtures.holds("t.ns = prod", json))
    #expect(try !RuleFixtures.holds("t.ns != prod", json))
    #expect(try !RuleFixtures.holds("t.ns in (prod)", json))
    #expect(try !RuleFixtures.holds("t.ns startswith p", json))
    #expect(try !RuleFixtures.holds("t.ns exists", json))
    #expect(try RuleFixtures.holds("not t.ns = prod", json))
    #expect(try RuleFixtures.holds("not t.ns exists", json))
  }

  @Test func inOnAListNeedsEveryValueIntersectsAny() throws {
    let json = #"{"images":["nginx","redis"]}"#
    #expect(try RuleFixtures.holds("t.images in (nginx, redis, x)", json))
    #expect(try !RuleFixtures.holds("t.images in (nginx)", json))
    #expect(try RuleFixtures.holds("t.images intersects (nginx)", json))
    #expect(try !RuleFixtures.holds("t.images intersects (x, y)", json))
    #expect(try RuleFixtures.holds("t.images = redis", json))
    #expect(try RuleFixtures.holds("t.images startswith ngi", json))
    #expect(try RuleFixtures.holds("t.images != nginx", json))
  }

  @Test func emptyListIsMissing() throws {
    let json = #"{"images":[]}"#
    #expect(try !RuleFixtures.holds("t.images exists", json))
    #expect(try !RuleFixtures.holds("t.images in (a)", json))
    #expect(try !RuleFixtures.holds("t.images intersects (a)", json))
  }

  @Test func indexArgumentPicksOneElement() throws {
    let json = #"{"images":["nginx","redis"]}"#
    #expect(try RuleFixtures.holds("t.images[0] = nginx", json))
    #expect(try !RuleFixtures.holds("t.images[0] = redis", json))
    #expect(try !RuleFixtures.holds("t.images[5] exists", json))
  }

  @Test func numbersCompareNumerically() throws {
    let json = #"{"code":1000,"ports":[8080]}"#
    #expect(try RuleFixtures.holds("t.code > 999", json))  // "1000" < "999" as text
    #expect(try RuleFixtures.holds("t.code = 0x3e8", json))
    #expect(try RuleFixtures.holds("t.code in (1, 1000)", json))
    #expect(try RuleFixtures.holds("t.ports intersects (8080)", json))
  }

  @Test func emptyListLiteralNeverMatches() throws {
    #expect(try !RuleFixtures.holds("t.ns in ()", #"{"objectRef":{"namespace":"a"}}"#))
  }

  @Test func typeErrorsAreReportedAtLoad() {
    let cases = [
      "t.code = abc", "t.code startswith 2", "t.flag = maybe", "t.flag contains t",
      "t.user bcontains xyz", "len(t.code) = 1 and tolower(t.code) = 1",
    ]
    for condition in cases {
      let diagnostics = RuleFixtures.diagnostics(RuleFixtures.rule(condition))
      #expect(diagnostics.contains { $0.code == .typeMismatch }, "\(condition): \(diagnostics)")
    }
  }

  @Test func fieldArgumentsAreChecked() {
    for condition in ["t.param = x", "t.user[1] = x", "t.images[x] = y"] {
      let diagnostics = RuleFixtures.diagnostics(RuleFixtures.rule(condition))
      #expect(diagnostics.contains { $0.code == .fieldArgument }, "\(condition)")
    }
  }

  @Test func globAndPmatchDetails() throws {
    let json = #"{"path":"/var/run/docker.sock"}"#
    #expect(try RuleFixtures.holds("t.path glob '/var/*/docker.sock'", json))
    #expect(try RuleFixtures.holds("t.path glob '*sock'", json))
    #expect(try !RuleFixtures.holds("t.path glob '/var/run/[!d]*'", json))
    #expect(try RuleFixtures.holds("t.path pmatch (/proc, /var/run)", json))
    #expect(try RuleFixtures.holds("t.path pmatch (/var/run/docker.sock)", json))
    #expect(try !RuleFixtures.holds("t.path pmatch (/var/ru)", json))
  }

  @Test func disabledRulesAndOtherSourcesDoNotFire() throws {
    let yaml = """
      - rule: off
        desc: d
        condition: ka.verb = create
        output: o
        priority: INFO
        source: k8s_audit
        enabled: false
      - rule: sys
        desc: d
        condition: proc.name = sh
        output: o
        priority: INFO
      """
    let set = try RuleFixtures.load(yaml)
    #expect(set.rules.count == 2)
    #expect(set.rules[1].source == "syscall")
    #expect(!set.rules[1].isEvaluated)
    #expect(set.diagnostics.contains { $0.code == .unknownSource })
    #expect(set.evaluate(try RuleFixtures.event(#"{"verb":"create"}"#)).isEmpty)
    #expect(set.matches(ruleAt: 0, try RuleFixtures.event(#"{"verb":"create"}"#)))
  }
}
