import VigilCore
import VigilJSON
import VigilKube

/// Practice 3 on the audit stream: each RBAC write (Role, ClusterRole, their bindings) is applied
/// to the effective-permission model and reported as what it changed for whom — "+ bob can now
/// get,list secrets in namespace prod (via RoleBinding prod/read-secrets → ClusterRole view)" —
/// one alert per request, at the severity of its riskiest change (secrets, pods/exec,
/// impersonate, escalate, bind and wildcards rank higher), riskiest changes listed first.
///
/// The object is the event's `responseObject` (else a create's or update's `requestObject`); a
/// patch logged without its response cannot be applied and is skipped. The model starts from
/// `model` (a snapshot or the defaults) and learns every RBAC object it sees.
public struct RBACAuditDetector: Detector, Sendable {
  /// The rule name.
  public static let ruleName = "RBAC Permissions Changed"
  /// Tags: ATT&CK Additional Cluster Roles, access-control controls.
  public static let tags = [
    "k8s", "vigil", "rbac", "mitre:T1098.006", "mitre:T1078", "soc2:CC6.1", "soc2:CC6.3",
    "nist:AC-2", "nist:AC-6", "cis:5.1.1", "pci:7.2.1", "iso27001:A.5.15", "iso27001:A.8.2",
  ]
  /// How many changes an alert lists (the count says how many there were).
  static let listed = 5

  static let kinds: [String: String] = [
    "roles": "Role", "clusterroles": "ClusterRole", "rolebindings": "RoleBinding",
    "clusterrolebindings": "ClusterRoleBinding",
  ]

  /// The permission model so far.
  public private(set) var model: RBACModel
  /// Objects seen before: an update of an object never seen (the log started after its
  /// creation) teaches the model its state but is not reported as a change.
  private var known: Set<ObjectKey> = []

  /// Creates the detector over a model (default: the roles every cluster has), whose objects
  /// are `known`.
  public init(model: RBACModel = .kubernetesDefaults, known: Set<ObjectKey> = []) {
    self.model = model
    self.known = known
  }

  public mutating func observe(_ event: Event, at now: Timestamp) -> [Alert] {
    guard let audit = event.audit, let ref = audit.objectRef, let resource = ref.resource,
      let kind = Self.kinds[resource],
      ref.apiGroup == nil || ref.apiGroup == "rbac.authorization.k8s.io",
      let write = AuditWrite(audit, kind: kind, known: &known)
    else { return [] }
    let changes: [RBACChange]
    switch write.action {
    case .wrote(let object, let firstSight):
      guard let applied = try? model.apply(object, kind: kind) else { return [] }
      changes = firstSight ? [] : applied
    case .deleted:
      changes = model.delete(write.key)
    }
    guard !changes.isEmpty else { return [] }
    return [
      alert(
        for: changes.sorted { $0.severity != $1.severity ? $0.severity > $1.severity : $0 < $1 },
        kind: kind, event: event, audit: audit)
    ]
  }

  private func alert(
    for changes: [RBACChange], kind: String, event: Event, audit: AuditEvent
  ) -> Alert {
    let actor = audit.impersonatedUser?.username ?? audit.user.username
    let name = audit.objectRef?.name ?? "?"
    let namespace = audit.objectRef?.namespace
    let target = "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name)"
    let riskiest = changes.max { $0.severity < $1.severity }
    var output = "\(audit.verb) \(target) by \(actor)"
    if let agent = audit.userAgent { output += " (\(agent))" }
    if let ip = audit.sourceIPs.first { output += " from \(ip)" }
    output += ": " + changes.prefix(Self.listed).map(\.description).joined(separator: "; ")
    if changes.count > Self.listed { output += "; and \(changes.count - Self.listed) more" }
    let fields = [
      AlertField(name: "ka.user.name", value: actor),
      AlertField(name: "ka.target.resource", value: audit.objectRef?.resource),
      AlertField(name: "ka.target.namespace", value: namespace),
      AlertField(name: "ka.target.name", value: name),
      AlertField(name: "rbac.changes", value: String(changes.count)),
      AlertField(name: "rbac.reasons", value: riskiest?.reasons.joined(separator: "; ")),
    ]
    return Alert(
      rule: Self.ruleName, severity: riskiest?.severity ?? .notice, time: event.time,
      output: output, source: event.source, tags: Self.tags, fields: fields,
      subject: AlertSubject(audit: audit), evidence: [Evidence(event: event)],
      dedupKey: DedupKey.make([Self.ruleName, target, changes.map(\.description).joined()]))
  }
}
