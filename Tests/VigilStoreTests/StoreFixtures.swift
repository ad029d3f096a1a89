import VigilCore
import VigilJSON

/// Events and alerts built by hand for the store tests.
enum StoreFixtures {
  /// The base time: 2024-01-01T00:00:00Z plus a few nanoseconds (to see nanoseconds survive).
  static let base = Timestamp(nanoseconds: 1_704_067_200_000_000_123)

  /// `base` plus `seconds`.
  static func at(_ seconds: Int64) -> Timestamp {
    Timestamp(nanoseconds: base.nanoseconds + seconds * 1_000_000_000)
  }

  /// An audit event whose JSON holds the given fields (plus `extra` members, raw JSON text).
  static func auditEvent(
    id: String, at seconds: Int64, user: String = "alice", groups: [String] = ["devs"],
    verb: String = "get", namespace: String? = "default", resource: String? = "pods",
    subresource: String? = nil, name: String? = "web-0", code: Int? = 200,
    extra: String = "", line: Int = 1
  ) throws -> Event {
    var objectRef: [String] = []
    if let namespace { objectRef.append(#""namespace":\#(JSONText.quoted(namespace))"#) }
    if let resource { objectRef.append(#""resource":\#(JSONText.quoted(resource))"#) }
    if let subresource { objectRef.append(#""subresource":\#(JSONText.quoted(subresource))"#) }
    if let name { objectRef.append(#""name":\#(JSONText.quoted(name))"#) }
    let text = """
      {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":\(JSONText.quoted(id)),\
      "stage":"ResponseComplete","verb":\(JSONText.quoted(verb)),\
      "user":{"username":\(JSONText.quoted(user))},"objectRef":{\(objectRef.joined(separator: ","))}\(extra)}
      """
    let document = try JSONDocument(parsing: text)
    let reference =
      namespace == nil && resource == nil && name == nil
      ? nil
      : ObjectReference(
        resource: resource, subresource: subresource, namespace: namespace, name: name,
        apiGroup: "", apiVersion: "v1")
    let audit = AuditEvent(
      auditID: id, stage: "ResponseComplete", verb: verb, requestURI: "/api/v1/pods",
      level: "Request", user: UserInfo(username: user, groups: groups),
      impersonatedUser: nil, sourceIPs: ["10.1.2.3", "10.0.0.1"], userAgent: "kubectl/v1.30.0",
      objectRef: reference, responseCode: code, requestReceivedAt: at(seconds),
      stageAt: at(seconds), shape: .native, truncated: false, document: document)
    return Event(
      time: at(seconds), position: SourcePosition(file: "audit.log", line: line),
      payload: .audit(audit))
  }

  /// An alert with every field set.
  static func alert(
    rule: String = "Attach/Exec Pod", severity: Severity = .notice, at seconds: Int64,
    dedupKey: String = "exec:alice:web-0", user: String? = "alice",
    namespace: String? = "default", output: String = "Attach/Exec to pod (user=alice pod=web-0)",
    auditID: String = "a-1", count: Int = 1
  ) -> Alert {
    Alert(
      rule: rule, severity: severity, time: at(seconds), lastSeen: at(seconds), output: output,
      source: "k8s_audit", tags: ["k8s", "T1609", "soc2:CC6.1"],
      fields: [
        AlertField(name: "ka.user.name", value: user),
        AlertField(name: "ka.target.name", value: nil),
      ],
      subject: AlertSubject(
        user: user, sourceIP: "10.1.2.3", userAgent: "kubectl/v1.30.0", namespace: namespace,
        resource: "pods", name: "web-0"),
      evidence: [
        Evidence(
          auditID: auditID, stage: "ResponseComplete", time: at(seconds),
          position: SourcePosition(file: "audit.log", line: Int(seconds) + 1))
      ],
      dedupKey: dedupKey, count: count)
  }
}
