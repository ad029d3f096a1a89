import VigilCore
import VigilJSON
import VigilKube

/// Practice 2 on the audit stream: every Service, Ingress, Gateway, route or Pod written through
/// the API is applied to an ``ExposureInventory``; each new or widened entry point becomes an
/// alert joined with the request that made it — who, with which client, from where:
/// "Service payments/db changed from ClusterIP to LoadBalancer (ports 5432/TCP) by alice
/// (kubectl/v1.30.0) from 203.0.113.7".
///
/// The object comes from the event's `responseObject` (the object as stored, logged at the
/// RequestResponse level the recommended policy sets for these resources), else from a create's
/// or update's `requestObject`; a patch logged without its response cannot be applied and is
/// skipped. Works offline from audit logs alone and live.
public struct ExposureAuditDetector: Detector, Sendable {
  /// The rule name of alerts for entry points that appeared or widened.
  public static let ruleName = "Ingress Endpoint Exposed"
  /// The rule name of alerts for entry points that narrowed or went away (informational).
  public static let removedRuleName = "Ingress Endpoint Removed"
  /// Tags: ATT&CK External Remote Services / Exploit Public-Facing Application, boundary
  /// protection controls.
  public static let tags = [
    "k8s", "vigil", "exposure", "mitre:T1133", "mitre:T1190", "soc2:CC6.6", "nist:SC-7",
    "nist:CM-7", "cis:5.3.2", "pci:1.3.1", "iso27001:A.8.20", "iso27001:A.8.22",
  ]

  /// The kinds of the resources this detector reads, by audit resource name.
  static let kinds: [String: String] = [
    "services": "Service", "ingresses": "Ingress", "gateways": "Gateway",
    "httproutes": "HTTPRoute", "grpcroutes": "GRPCRoute", "tlsroutes": "TLSRoute",
    "tcproutes": "TCPRoute", "pods": "Pod",
  ]

  /// The entry points known so far.
  public private(set) var inventory: ExposureInventory
  /// Objects seen before: an update of an object never seen (the log started after its
  /// creation) teaches the inventory its state but is not reported as a new entry point.
  private var known: Set<ObjectKey> = []

  /// Creates the detector over an inventory (empty, or loaded from a snapshot whose objects are
  /// `known`).
  public init(inventory: ExposureInventory = ExposureInventory(), known: Set<ObjectKey> = []) {
    self.inventory = inventory
    self.known = known
  }

  public mutating func observe(_ event: Event, at now: Timestamp) -> [Alert] {
    guard let audit = event.audit, let resource = audit.objectRef?.resource,
      let kind = Self.kinds[resource], let write = AuditWrite(audit, kind: kind, known: &known)
    else { return [] }
    let changes: [ExposureChange]
    switch write.action {
    case .wrote(let object, let firstSight):
      guard let applied = try? inventory.apply(object, at: event.time) else { return [] }
      changes = firstSight ? [] : applied
    case .deleted:
      changes = inventory.delete(write.key, at: event.time)
    }
    return changes.compactMap { alert(for: $0, event: event, audit: audit) }
  }

  private func alert(for change: ExposureChange, event: Event, audit: AuditEvent) -> Alert? {
    if change.kind == .updated { return nil }
    let actor = audit.impersonatedUser?.username ?? audit.user.username
    var output = "\(change.summary) by \(actor)"
    if let agent = audit.userAgent { output += " (\(agent))" }
    if let ip = audit.sourceIPs.first { output += " from \(ip)" }
    if let reason = change.reason { output += " — \(reason)" }
    let opens = change.kind == .added || change.kind == .widened
    let rule = opens ? Self.ruleName : Self.removedRuleName
    let object = change.exposure.id.source
    let fields = [
      AlertField(name: "ka.user.name", value: actor),
      AlertField(name: "ka.useragent", value: audit.userAgent),
      AlertField(
        name: "ka.target.namespace", value: object.namespace.isEmpty ? nil : object.namespace),
      AlertField(name: "ka.target.name", value: object.name),
      AlertField(name: "exposure.change", value: change.kind.rawValue),
      AlertField(name: "exposure.kind", value: change.exposure.kind.rawValue),
    ]
    return Alert(
      rule: rule, severity: change.severity, time: event.time, output: output,
      source: event.source, tags: Self.tags, fields: fields,
      subject: AlertSubject(audit: audit), evidence: [Evidence(event: event)],
      dedupKey: DedupKey.make([rule, object.description, change.summary]))
  }
}
