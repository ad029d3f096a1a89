/// Something a rule or detector found, with the evidence and the controls it gives evidence for.
public struct Alert: Sendable, Hashable, Codable {
  /// The rule or detector that fired (`Attach/Exec Pod`).
  public var rule: String
  /// How urgent it is.
  public var severity: Severity
  /// When the first evidence event happened.
  public var time: Timestamp
  /// When the last aggregated occurrence happened (equals `time` when `count` is 1).
  public var lastSeen: Timestamp
  /// The rendered output text (Falco's `output` with `%field`s substituted).
  public var output: String
  /// The rule source: `k8s_audit`, …
  public var source: String
  /// The rule's tags as written (`k8s`, `T1609`, `soc2:CC6.1` …).
  public var tags: [String]
  /// Compliance controls and ATT&CK techniques this alert gives evidence for.
  public var controls: [ComplianceControl]
  /// The fields named in the output, with their values (Falco's `output_fields`).
  public var fields: [AlertField]
  /// Who did it, from where, to what.
  public var subject: AlertSubject
  /// The events that caused it (the first few when aggregated).
  public var evidence: [Evidence]
  /// Identical alerts share this key; within a window they aggregate into one with a count.
  public var dedupKey: String
  /// How many occurrences this alert stands for.
  public var count: Int

  /// Creates an alert.
  public init(
    rule: String, severity: Severity, time: Timestamp, lastSeen: Timestamp? = nil,
    output: String, source: String, tags: [String], controls: [ComplianceControl]? = nil,
    fields: [AlertField], subject: AlertSubject, evidence: [Evidence], dedupKey: String,
    count: Int = 1
  ) {
    self.rule = rule
    self.severity = severity
    self.time = time
    self.lastSeen = lastSeen ?? time
    self.output = output
    self.source = source
    self.tags = tags
    self.controls = controls ?? ComplianceControl.controls(forTags: tags)
    self.fields = fields
    self.subject = subject
    self.evidence = evidence
    self.dedupKey = dedupKey
    self.count = count
  }
}

/// One `output_fields` entry: a field name and its value as text (nil when absent, `<NA>` in Falco).
public struct AlertField: Sendable, Hashable, Codable {
  /// Field name, e.g. `ka.user.name`.
  public var name: String
  /// Field value as printed; nil when the event did not have it.
  public var value: String?

  /// Creates a field.
  public init(name: String, value: String?) {
    self.name = name
    self.value = value
  }
}

/// Who did what to which object, from where: the identities an alert is about.
public struct AlertSubject: Sendable, Hashable, Codable {
  /// The acting user or service account.
  public var user: String?
  /// The original client IP.
  public var sourceIP: String?
  /// The client's user agent.
  public var userAgent: String?
  /// The namespace of the object.
  public var namespace: String?
  /// The resource (`pods`, `clusterrolebindings`).
  public var resource: String?
  /// The object's name.
  public var name: String?

  /// Creates a subject.
  public init(
    user: String? = nil, sourceIP: String? = nil, userAgent: String? = nil,
    namespace: String? = nil, resource: String? = nil, name: String? = nil
  ) {
    self.user = user
    self.sourceIP = sourceIP
    self.userAgent = userAgent
    self.namespace = namespace
    self.resource = resource
    self.name = name
  }

  /// The subject of an audit event.
  public init(audit: AuditEvent) {
    let ref = audit.objectRef
    self.init(
      user: audit.user.username, sourceIP: audit.sourceIPs.first, userAgent: audit.userAgent,
      namespace: ref?.namespace, resource: ref?.resource, name: ref?.name)
  }
}

/// A pointer to an event that caused an alert.
public struct Evidence: Sendable, Hashable, Codable {
  /// The audit ID, for audit events.
  public var auditID: String?
  /// The audit stage.
  public var stage: String?
  /// When the event happened.
  public var time: Timestamp
  /// Where it was read from.
  public var position: SourcePosition

  /// Creates evidence.
  public init(auditID: String?, stage: String?, time: Timestamp, position: SourcePosition) {
    self.auditID = auditID
    self.stage = stage
    self.time = time
    self.position = position
  }

  /// Evidence pointing at an event.
  public init(event: Event) {
    self.init(
      auditID: event.audit?.auditID, stage: event.audit?.stage, time: event.time,
      position: event.position)
  }
}
