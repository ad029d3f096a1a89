/// One attack woven into the demo day: when, who, the audit IDs involved and the rules that find it.
public struct DemoAttack: Sendable, Hashable, Codable {
  /// Stable identifier (`a-exec-shell`).
  public var id: String
  /// What happened, in a sentence.
  public var summary: String
  /// When it started (RFC 3339, UTC).
  public var time: String
  /// Who did it (`ka.user.name`).
  public var user: String
  /// Audit IDs of the requests that make up the attack.
  public var auditIDs: [String]
  /// Rules from `rules/audit.yaml` expected to fire on it.
  public var rules: [String]
  /// Rules from Falco's `k8s_audit_rules.yaml` that fire on it too.
  public var falcoRules: [String]

  /// Creates an attack record.
  public init(
    id: String, summary: String, time: String, user: String, auditIDs: [String], rules: [String],
    falcoRules: [String]
  ) {
    self.id = id
    self.summary = summary
    self.time = time
    self.user = user
    self.auditIDs = auditIDs
    self.rules = rules
    self.falcoRules = falcoRules
  }
}
