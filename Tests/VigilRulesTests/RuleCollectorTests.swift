import Testing
import VigilRules

/// Define, legacy append, override, enabled-only entries, exceptions, lists and macros.
@Suite struct RuleCollectorTests {
  static let base = """
    - list: users
      items: [alice, "bob"]
    - list: all_users
      items: [users, carol]
    - macro: creating
      condition: ka.verb = create
    - rule: R
      desc: base
      condition: creating and t.user in (all_users)
      output: user=%t.user
      priority: WARNING
      source: k8s_audit
      tags: [a]
    """

  func load(_ extra: String) throws -> RuleSet {
    try RuleFixtures.load(Self.base + "\n" + extra)
  }

  func fires(_ set: RuleSet, _ json: String) throws -> Bool {
    !set.evaluate(try RuleFixtures.event(json)).isEmpty
  }

  @Test func listsReferenceEarlierLists() throws {
    let set = try load("")
    #expect(set.rules[0].expandedCondition == "ka.verb = create and t.user in (alice, bob, carol)")
    #expect(try fires(set, #"{"verb":"create","user":{"username":"bob"}}"#))
    #expect(try !fires(set, #"{"verb":"create","user":{"username":"dave"}}"#))
  }

  @Test func legacyAppendExtendsListsMacrosAndRules() throws {
    let set = try load(
      """
      - list: users
        items: [dave]
        append: true
      - macro: creating
        condition: or ka.verb = update
        append: true
      - rule: R
        condition: and t.ns = prod
        append: true
      """)
    // Lists expand in definition order, so all_users (defined before the append) sees dave too:
    // Falco compiles lists after all files are collected.
    #expect(try fires(set, #"{"verb":"update","user":{"username":"dave"},"objectRef":{"namespace":"prod"}}"#))
    #expect(try !fires(set, #"{"verb":"update","user":{"username":"dave"}}"#))
  }

  @Test func overrideAppendAndReplace() throws {
    let set = try load(
      """
      - rule: R
        condition: and t.ns = prod
        output: (appended)
        priority: ERROR
        tags: [b]
        override:
          condition: append
          output: append
          priority: replace
          tags: append
      """)
    let rule = set.rules[0]
    #expect(rule.priority == .error)
    #expect(rule.tags == ["a", "b"])
    #expect(rule.output == "user=%t.user (appended)")
    #expect(rule.condition == "creating and t.user in (all_users) and t.ns = prod")
  }

  @Test func overrideReplaceOfACondition() throws {
    let set = try load(
      """
      - macro: creating
        condition: ka.verb = delete
        override:
          condition: replace
      - list: users
        items: [zed]
        override:
          items: replace
      """)
    #expect(set.rules[0].expandedCondition == "ka.verb = delete and t.user in (zed, carol)")
  }

  @Test func redefinitionReplacesAndLaterFilesWin() throws {
    let first = Self.base
    let second = """
      - rule: R
        desc: second
        condition: ka.verb = get
        output: o
        priority: INFO
        source: k8s_audit
      """
    let set = try RuleLoader(registry: RuleFixtures.registry).load(texts: [
      ("a.yaml", first), ("b.yaml", second),
    ])
    #expect(set.rules.count == 1)
    #expect(set.rules[0].description == "second")
    #expect(set.rules[0].origin.file == "b.yaml")
  }

  @Test func enabledOnlyEntrySwitchesARule() throws {
    let set = try load("- rule: R\n  enabled: false")
    #expect(!set.rules[0].enabled)
    #expect(try !fires(set, #"{"verb":"create","user":{"username":"bob"}}"#))
    let again = try load("- rule: R\n  enabled: false\n- rule: R\n  enabled: true")
    #expect(again.rules[0].enabled)
  }

  @Test func exceptionsCompileAsAndNot() throws {
    let set = try load(
      """
      - rule: R
        exceptions:
          - name: known
            fields: [t.user, t.ns]
            comps: [=, in]
            values:
              - [alice, [kube-system, kube-public]]
              - [bob, users]
          - name: single
            fields: t.ns
            values: [sandbox, scratch]
          - name: empty
            fields: [t.user]
        override:
          exceptions: append
      """)
    #expect(
      set.rules[0].expandedCondition
        == "ka.verb = create and t.user in (alice, bob, carol) and not ((t.user = alice and t.ns in (kube-system, kube-public)) or (t.user = bob and t.ns in (alice, bob))) and not t.ns in (sandbox, scratch)"
    )
    #expect(try !fires(set, #"{"verb":"create","user":{"username":"alice"},"objectRef":{"namespace":"kube-public"}}"#))
    #expect(try fires(set, #"{"verb":"create","user":{"username":"alice"},"objectRef":{"namespace":"prod"}}"#))
    #expect(try !fires(set, #"{"verb":"create","user":{"username":"carol"},"objectRef":{"namespace":"scratch"}}"#))
  }

  @Test func appendingValuesToAnExistingException() throws {
    let set = try load(
      """
      - rule: R
        exceptions:
          - name: ns
            fields: t.ns
            values: [a]
        override:
          exceptions: append
      - rule: R
        exceptions:
          - name: ns
            values: [b]
        override:
          exceptions: append
      """)
    #expect(set.rules[0].expandedCondition.hasSuffix("and not t.ns in (a, b)"))
  }

  @Test func errorsForUndefinedTargetsAndBadShapes() {
    let cases: [(String, RuleDiagnostic.Code)] = [
      ("- list: nope\n  items: [x]\n  append: true", .appendToUndefined),
      ("- macro: nope\n  condition: x.y = 1\n  override:\n    condition: append", .appendToUndefined),
      ("- rule: Nope\n  condition: and x\n  append: true", .appendToUndefined),
      ("- rule: Nope\n  enabled: false", .appendToUndefined),
      ("- rule: R2\n  desc: d\n  condition: ka.verb = x\n  output: o\n  priority: LOUD", .badPriority),
      ("- rule: R2\n  desc: d\n  output: o\n  priority: INFO", .invalidItem),
      ("- rule: R2\n  desc: d\n  condition: undefined_macro\n  output: o\n  priority: INFO\n  source: k8s_audit", .undefinedMacro),
      ("- rule: R\n  priority: INFO\n  override:\n    priority: append", .invalidOverride),
      ("- rule: R\n  desc: x\n  override:\n    priority: replace", .invalidOverride),
      ("- rule: R\n  exceptions:\n  - name: e\n    fields: [t.user, t.ns]\n    values: [[a]]\n  override:\n    exceptions: append", .invalidException),
      ("- list: l\n  items: {a: 1}", .invalidItem),
      ("- rule: [x\n", .yamlParse),
      ("- macro: m1\n  condition: m2\n- macro: m2\n  condition: m1\n- rule: R3\n  desc: d\n  condition: m1\n  output: o\n  priority: INFO\n  source: k8s_audit", .recursiveMacro),
    ]
    for (yaml, code) in cases {
      let diagnostics = RuleFixtures.diagnostics(Self.base + "\n" + yaml)
      #expect(
        diagnostics.contains { $0.code == code && $0.severity == .error },
        "\(yaml) → \(diagnostics.map(\.description))")
    }
  }

  @Test func loadThrowsAllErrors() {
    do throws(RuleLoadError) {
      _ = try RuleSet.load(
        yaml: RuleFixtures.rule("t.usr = 1", name: "a") + "\n"
          + RuleFixtures.rule("nomacro", name: "b"), registry: RuleFixtures.registry)
      Issue.record("expected an error")
    } catch {
      #expect(error.errors.count == 2)
      #expect(error.description.contains("unknown field 't.usr'"))
    }
  }

  @Test func warningsForUnknownKeysAndUnusedDefinitions() throws {
    let set = try load(
      """
      - macro: spare
        condition: ka.verb = get
      - list: spare_list
        items: []
      - rule: R
        desc: d
        condition: ka.verb = x
        output: o
        priority: INFO
        source: k8s_audit
        priorty: INFO
      """)
    let codes = set.diagnostics.map(\.code)
    #expect(codes.contains(.unusedMacro))
    #expect(codes.contains(.unusedList))
    let unknown = set.diagnostics.first { $0.code == .unknownKey }
    #expect(unknown?.suggestions == ["priority"])
  }

  @Test func burstIsParsed() throws {
    let yaml = RuleFixtures.rule("ka.verb = create") + "\n  burst: {count: 10, window: 5m, by: [t.user, \"t.param[command]\"]}"
    let set = try RuleFixtures.load(yaml)
    #expect(set.rules[0].burst == BurstSpec(count: 10, window: .seconds(300), by: ["t.user", "t.param[command]"]))
    #expect(BurstSpec.parseWindow("30s") == .seconds(30))
    #expect(BurstSpec.parseWindow("1h") == .seconds(3600))
    #expect(BurstSpec.parseWindow("0s") == nil)
    #expect(BurstSpec.parseWindow("soon") == nil)
    for bad in ["{count: 0, window: 1m}", "{count: 2, window: x}", "{count: 2, window: 1m, by: [t.usr]}", "{count: 2, window: 1m, per: 1}"] {
      let diagnostics = RuleFixtures.diagnostics(RuleFixtures.rule("ka.verb = create") + "\n  burst: \(bad)")
      #expect(diagnostics.contains { $0.code == .invalidBurst }, "\(bad)")
    }
  }
}
