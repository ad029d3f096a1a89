import Foundation
import VigilCore
import VigilJSON
import VigilRules

/// A small field registry and event builder for rule-engine tests, independent of the real
/// field set: fields read straight from the event's JSON.
enum RuleFixtures {
  static func string(_ event: Event, _ pointer: String) -> FieldValue {
    guard let value = event.audit?.document.root.value(atPointer: pointer), !value.isNull else {
      return .missing
    }
    return .string(value.displayString)
  }

  static func list(_ event: Event, _ pointer: String) -> FieldValue {
    guard let value = event.audit?.document.root.value(atPointer: pointer), value.kind == .array
    else { return .missing }
    return .list(value.elements.map { .string($0.displayString) })
  }

  /// Fields: `ka.verb`, `ka.target.resource`, `jevt.value[ptr]` (index dimensions), plus
  /// `t.user`, `t.ns`, `t.code` (number), `t.flag` (bool), `t.images` (list, optional index),
  /// `t.ports` (number list), `t.param[key]`, `t.path`.
  static let registry = FieldRegistry([
    Field("ka.verb", .string, "verb") { e, _ in string(e, "/verb") },
    Field("ka.target.resource", .string, "resource") { e, _ in string(e, "/objectRef/resource") },
    Field("jevt.value", .string, argument: .requiredKey, "pointer") { e, arg in
      guard case .key(let pointer)? = arg else { return .missing }
      return string(e, pointer)
    },
    Field("t.user", .string, "user") { e, _ in string(e, "/user/username") },
    Field("t.ns", .string, "namespace") { e, _ in string(e, "/objectRef/namespace") },
    Field("t.code", .number, "code") { e, _ in
      e.audit?.document.root.value(atPointer: "/code")?.int.map(FieldValue.number) ?? .missing
    },
    Field("t.flag", .bool, "flag") { e, _ in
      e.audit?.document.root.value(atPointer: "/flag")?.bool.map(FieldValue.bool) ?? .missing
    },
    Field("t.images", .string, list: true, argument: .optionalIndex, "images") { e, _ in
      list(e, "/images")
    },
    Field("t.ports", .number, list: true, "ports") { e, _ in
      guard let value = e.audit?.document.root.value(atPointer: "/ports"), value.kind == .array
      else { return .missing }
      return .list(value.elements.compactMap { $0.int.map(FieldValue.number) })
    },
    Field("t.param", .string, argument: .requiredKey, "query parameter") { e, arg in
      guard case .key(let key)? = arg else { return .missing }
      return string(e, "/params/" + key)
    },
    Field("t.path", .string, "path") { e, _ in string(e, "/path") },
  ])

  /// An audit event whose document is `json` (only the fields above read it).
  static func event(_ json: String) throws -> Event {
    let document = try JSONDocument(parsing: json)
    let audit = AuditEvent(
      auditID: "test", stage: "ResponseComplete",
      verb: document.root["verb"]?.string ?? "get", requestURI: "/", level: nil,
      user: UserInfo(username: document.root.value(atPath: ["user", "username"])?.string ?? ""),
      impersonatedUser: nil, sourceIPs: [], userAgent: nil, objectRef: nil, responseCode: nil,
      requestReceivedAt: nil, stageAt: nil, shape: .native, truncated: false, document: document)
    return Event(
      time: Timestamp(nanoseconds: 0), position: SourcePosition(file: "test", line: 1),
      payload: .audit(audit))
  }

  /// A one-rule YAML file with `condition`.
  static func rule(_ condition: String, name: String = "r", output: String = "out") -> String {
    """
    - rule: \(name)
      desc: test
      condition: \(condition)
      output: \(output)
      priority: WARNING
      source: k8s_audit
    """
  }

  /// Loads YAML with the test registry.
  static func load(_ yaml: String) throws -> RuleSet {
    try RuleSet.load(yaml: yaml, name: "test.yaml", registry: registry)
  }

  /// Whether a one-rule condition holds for an event.
  static func holds(_ condition: String, _ json: String) throws -> Bool {
    let set = try load(rule(condition))
    return !set.evaluate(try event(json)).isEmpty
  }

  /// The diagnostics of loading YAML with the test registry.
  static func diagnostics(_ yaml: String) -> [RuleDiagnostic] {
    RuleLoader(registry: registry).diagnose(texts: [("test.yaml", yaml)]).diagnostics
  }
}
