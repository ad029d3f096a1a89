import Testing
import VigilRules

/// The condition grammar: precedence, every operator, literals, and syntax errors with positions.
@Suite struct ConditionParserTests {
  static let event = """
    {"verb":"create","user":{"username":"alice"},"objectRef":{"resource":"pods","namespace":"prod"},
     "code":201,"flag":true,"images":["nginx:1.2","redis"],"ports":[80,443],
     "params":{"command":"sh"},"path":"/etc/kubernetes/admin.conf"}
    """

  func holds(_ condition: String) throws -> Bool {
    try RuleFixtures.holds(condition, Self.event)
  }

  @Test func andBindsTighterThanOr() throws {
    // true or (false and false) → true; (true or false) and false would be false.
    #expect(try holds("ka.verb = create or t.user = bob and t.ns = dev"))
    #expect(try !holds("(ka.verb = create or t.user = bob) and t.ns = dev"))
  }

  @Test func notBindsTighterThanAnd() throws {
    // (not false) and true → true
    #expect(try holds("not t.user = bob and ka.verb = create"))
    #expect(try !holds("not (t.user = alice and ka.verb = create)"))
    #expect(try holds("not not t.user = alice"))
  }

  @Test func expandedConditionShowsTheTree() throws {
    let set = try RuleFixtures.load(
      RuleFixtures.rule("t.user = 1 or not (t.user = x and t.ns in (a, \"b c\"))"))
    #expect(set.rules[0].expandedCondition == "t.user = 1 or not (t.user = x and t.ns in (a, \"b c\"))")
  }

  @Test(arguments: [
    ("ka.verb = create", true), ("ka.verb == create", true), ("ka.verb != create", false),
    ("t.code < 300", true), ("t.code <= 201", true), ("t.code > 201", false),
    ("t.code >= 201", true), ("t.user contains lic", true), ("t.user icontains LIC", true),
    ("t.user bcontains 6c6963", true), ("t.user startswith al", true),
    ("t.user bstartswith 616c", true), ("t.user endswith ice", true),
    ("t.ns in (dev, prod)", true), ("t.images intersects (redis)", true),
    ("t.path pmatch (/etc/kubernetes)", true), ("t.path pmatch (/etc/kube)", false),
    ("t.path glob /etc/*/admin.?onf", true), ("t.path glob '/etc/[a-k]*'", true),
    ("t.user exists", true), ("t.param[command] = sh", true), ("t.images[1] = redis", true),
    ("t.flag = true", true), ("t.ports intersects (443)", true),
  ])
  func everyOperator(condition: String, expected: Bool) throws {
    #expect(try holds(condition) == expected, "\(condition)")
  }

  @Test func quotedStringsWithEscapesAndSpaces() throws {
    let json = #"{"user":{"username":"a \"b\" c\\d"}}"#
    #expect(try RuleFixtures.holds(#"t.user = "a \"b\" c\\d""#, json))
    #expect(try RuleFixtures.holds(#"t.user = 'a "b" c\\d'"#, json))
    #expect(try RuleFixtures.holds(#"t.user in ("x y", 'a "b" c\\d')"#, json))
  }

  @Test func transformersAndFieldComparisons() throws {
    #expect(try holds("toupper(t.user) = ALICE"))
    #expect(try holds("tolower(toupper(t.user)) = alice"))
    #expect(try holds("len(t.images) = 2"))
    #expect(try holds("len(t.user) > 4"))
    #expect(try holds("basename(t.path) = admin.conf"))
    #expect(try RuleFixtures.holds("b64(t.user) = alice", #"{"user":{"username":"YWxpY2U="}}"#))
    #expect(try RuleFixtures.holds("t.user = val(t.ns)", #"{"user":{"username":"x"},"objectRef":{"namespace":"x"}}"#))
    #expect(try !holds("t.user = val(t.ns)"))
    #expect(try !RuleFixtures.holds("t.user = val(t.ns)", #"{"user":{"username":"x"}}"#))
  }

  @Test func syntaxErrorsPointAtTheToken() {
    let yaml = """
      - rule: r
        desc: d
        condition: ka.verb = create and and t.user = x
        output: o
        priority: INFO
        source: k8s_audit
      """
    let diagnostics = RuleFixtures.diagnostics(yaml)
    let error = diagnostics.first { $0.code == .conditionSyntax }
    #expect(error?.line == 3)
    // "  condition: " is 13 columns; "ka.verb = create and " is 21 more → the second `and`.
    #expect(error?.column == 35)
    #expect(error?.description.hasPrefix("test.yaml:3:35: error condition-syntax:") == true)
  }

  @Test(arguments: [
    "ka.verb =", "ka.verb in create", "(ka.verb = create", "ka.verb = create)", "ka.verb",
    "ka.verb = \"open", "ka.verb foo x", "t.param[x = 1", "", "tolower(ka.verb = x",
  ])
  func malformedConditionsAreErrors(condition: String) {
    let diagnostics = RuleFixtures.diagnostics(RuleFixtures.rule("'\(condition)'"))
    #expect(diagnostics.contains { $0.severity == .error }, "\(condition)")
  }

  @Test func errorInsideFoldedBlockPointsAtItsLine() {
    let yaml = """
      - rule: r
        desc: d
        condition: >
          ka.verb = create
          and t.usr = x
        output: o
        priority: INFO
        source: k8s_audit
      """
    let error = RuleFixtures.diagnostics(yaml).first { $0.code == .unknownField }
    #expect(error?.line == 5)
    #expect(error?.column == 9)
    #expect(error?.suggestions.contains("t.user") == true)
    #expect(error?.description.contains("(did you mean t.user") == true)
  }
}
