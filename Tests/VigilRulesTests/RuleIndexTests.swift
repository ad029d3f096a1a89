import Foundation
import Testing
import VigilAudit
import VigilCore
import VigilRules
import VigilTesting

/// The index by verb, resource and stage never changes which rules match.
@Suite struct RuleIndexTests {
  static let verbs = ["get", "create", "delete", "patch"]
  static let resources = ["pods", "secrets", "configmaps", "roles"]
  static let stages = ["ResponseComplete", "ResponseStarted"]

  /// Deterministic pseudo-random numbers (tests must be reproducible).
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state
    }
  }

  static func condition(_ g: inout Generator, depth: Int = 0) -> String {
    func pick(_ items: [String]) -> String { items[Int(g.next() % UInt64(items.count))] }
    let atoms = [
      "ka.verb = \(pick(verbs))", "ka.verb in (\(pick(verbs)), \(pick(verbs)))",
      "ka.target.resource = \(pick(resources))", "ka.target.resource in (\(pick(resources)))",
      "jevt.value[/stage] = \(pick(stages))", "t.user = \(pick(["a", "b"]))",
      "ka.verb != \(pick(verbs))", "t.ns exists", "ka.target.resource startswith \(pick(["p", "s"]))",
    ]
    if depth >= 2 || g.next() % 3 == 0 { return pick(atoms) }
    let a = condition(&g, depth: depth + 1)
    let b = condition(&g, depth: depth + 1)
    switch g.next() % 4 {
    case 0: return "(\(a) or \(b))"
    case 1: return "not (\(a))"
    default: return "(\(a) and \(b))"
    }
  }

  @Test func randomRulesAndEventsMatchTheSameWithAndWithoutIndex() throws {
    var g = Generator(state: 42)
    let yaml = (0..<120).map { i in
      RuleFixtures.rule("'\(Self.condition(&g))'", name: "rule \(i)")
    }.joined(separator: "\n")
    let set = try RuleFixtures.load(yaml)
    #expect(set.indexedFieldCount == 3)
    var total = 0
    for _ in 0..<600 {
      func maybe(_ items: [String]) -> String? {
        let i = Int(g.next() % UInt64(items.count + 1))
        return i < items.count ? items[i] : nil
      }
      var members: [String] = []
      if let verb = maybe(Self.verbs) { members.append("\"verb\":\"\(verb)\"") }
      if let stage = maybe(Self.stages) { members.append("\"stage\":\"\(stage)\"") }
      if let user = maybe(["a", "b"]) { members.append("\"user\":{\"username\":\"\(user)\"}") }
      var ref: [String] = []
      if let resource = maybe(Self.resources) { ref.append("\"resource\":\"\(resource)\"") }
      if g.next() % 2 == 0 { ref.append("\"namespace\":\"x\"") }
      members.append("\"objectRef\":{\(ref.joined(separator: ","))}")
      let event = try RuleFixtures.event("{\(members.joined(separator: ","))}")
      let indexed = set.evaluate(event, useIndex: true).map(\.index)
      let full = set.evaluate(event, useIndex: false).map(\.index)
      #expect(indexed == full)
      total += full.count
    }
    #expect(total > 100)  // the test exercises matches, not only misses
  }

  @Test(.enabled(if: SharedData.shouldRun, "\(SharedData.skipMessage)"))
  func falcoRulesOnRealEventsMatchTheSameWithAndWithoutIndex() throws {
    let folder = try SharedData.require("anchors/falco-k8saudit")
    let set = try RuleSet.load(files: [
      folder.appendingPathComponent("rules/k8s_audit_rules.yaml")
    ])
    let names = try FileManager.default.contentsOfDirectory(
      atPath: folder.appendingPathComponent("events").path)
    var events: [Event] = []
    for name in names.sorted() {
      let text = try String(
        contentsOf: folder.appendingPathComponent("events/\(name)"), encoding: .utf8)
      events += AuditDecoder().decode(text: text).events
    }
    #expect(events.count > 30)
    var fired = 0
    for event in events {
      let indexed = set.evaluate(event, useIndex: true).map(\.index)
      #expect(indexed == set.evaluate(event, useIndex: false).map(\.index))
      fired += indexed.count
    }
    #expect(fired > 20)
  }

  @Test func standardFieldsIndexSubresourceAndMatchTheSameWithAndWithoutIndex() throws {
    var g = Generator(state: 7)
    func pick(_ items: [String]) -> String { items[Int(g.next() % UInt64(items.count))] }
    let subresources = ["exec", "log", "status"]
    func atom() -> String {
      pick([
        "ka.verb = \(pick(Self.verbs))", "ka.target.resource in (\(pick(Self.resources)), pods)",
        "ka.target.subresource = \(pick(subresources))",
        "ka.target.subresource in (\(pick(subresources)), \(pick(subresources)))",
        "not ka.target.subresource exists", "ka.target.subresource exists",
        "jevt.value[/stage] = \(pick(Self.stages))", "ka.user.name startswith \(pick(["a", "s"]))",
      ])
    }
    func condition(_ depth: Int) -> String {
      if depth >= 2 || g.next() % 3 == 0 { return atom() }
      let (a, b) = (condition(depth + 1), condition(depth + 1))
      switch g.next() % 4 {
      case 0: return "(\(a) or \(b))"
      case 1: return "not (\(a))"
      default: return "(\(a) and \(b))"
      }
    }
    let yaml = (0..<150).map { i in RuleFixtures.rule("'\(condition(0))'", name: "rule \(i)") }
      .joined(separator: "\n")
    let set = try RuleSet.load(yaml: yaml)
    #expect(set.indexedFieldCount == 4)
    var lines: [String] = []
    for k in 0..<400 {
      var ref = "\"resource\":\"\(pick(Self.resources))\""
      let sub = Int(g.next() % UInt64(subresources.count + 1))
      if sub < subresources.count { ref += ",\"subresource\":\"\(subresources[sub])\"" }
      lines.append(
        """
        {"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"id-\(k)",\
        "stage":"\(pick(Self.stages))","verb":"\(pick(Self.verbs))","requestURI":"/x",\
        "user":{"username":"\(pick(["alice", "system:node:n1"]))"},"objectRef":{\(ref)}}
        """)
    }
    let events = lines.flatMap { AuditDecoder().decode(text: $0).events }
    #expect(events.count == 400)
    var total = 0
    for event in events {
      let indexed = set.evaluate(event, useIndex: true).map(\.index)
      #expect(indexed == set.evaluate(event, useIndex: false).map(\.index))
      total += indexed.count
    }
    #expect(total > 100)
  }

  /// The index reads the standard fields from the decoded event (not their slots): events with
  /// a missing or empty verb, no objectRef, an empty subresource, or a stage that is missing,
  /// unknown or not a string still match as without the index.
  @Test func directReadsMatchTheSameWithAndWithoutIndexOnOddEvents() throws {
    let conditions = [
      "ka.verb = get", "not ka.verb exists", "ka.target.resource = pods",
      "not ka.target.resource exists", "ka.target.subresource = \"\"",
      "ka.target.subresource in (exec, log)", "not ka.target.subresource exists",
      "jevt.value[/stage] = ResponseComplete", "jevt.value[/stage] in (\"12\", Panic)",
      "not jevt.value[/stage] exists", "jevt.value[/stage] = \"{}\"",
      "ka.verb = get and jevt.value[/stage] = ResponseComplete and ka.target.resource = pods",
    ]
    let yaml = conditions.enumerated().map { i, condition in
      RuleFixtures.rule("'\(condition)'", name: "rule \(i)")
    }.joined(separator: "\n")
    let set = try RuleSet.load(yaml: yaml)
    #expect(set.indexedFieldCount == 4)
    let stages = [
      #","stage":"ResponseComplete""#, "", #","stage":12"#, #","stage":"Panic""#,
      #","stage":{}"#, #","stage":"ResponseStarted""#,
    ]
    let verbs = [#","verb":"get""#, "", #","verb":"""#, #","verb":"list""#]
    let refs = [
      "", #","objectRef":{}"#, #","objectRef":{"resource":"pods"}"#,
      #","objectRef":{"resource":"pods","subresource":""}"#,
      #","objectRef":{"resource":"pods","subresource":"exec"}"#,
    ]
    var lines: [String] = []
    for (s, stage) in stages.enumerated() {
      for (v, verb) in verbs.enumerated() {
        for (r, ref) in refs.enumerated() {
          lines.append(
            #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"id-\#(s)-\#(v)-\#(r)""#
              + stage + verb + ref + #","requestURI":"/x","user":{"username":"alice"}}"#)
        }
      }
    }
    let events = lines.flatMap { AuditDecoder().decode(text: $0).events }
    #expect(events.count > 50)
    var total = 0
    for event in events {
      let indexed = set.evaluate(event, useIndex: true).map(\.index)
      #expect(indexed == set.evaluate(event, useIndex: false).map(\.index))
      total += indexed.count
    }
    #expect(total > 20)
  }
}
