import VigilCore
import VigilJSON

/// Decoding a native `audit.k8s.io` Event (v1, v1beta1, or older shapes without apiVersion).
extension AuditDecoder {
  /// Validates the native event that is `document`'s root, applies the size limit and secret
  /// redaction, and appends the normalized event (or a diagnostic saying why it is not one).
  func decodeNative(_ document: JSONDocument, shape: AuditEvent.Shape, sink: inout DecodeSink) {
    let root = document.root
    if let reason = Self.notAnEventReason(root) {
      sink.notAuditEvent(reason)
      return
    }
    var document = document
    var truncated = false
    if document.bytes.count > configuration.maxEventBytes {
      let size = document.bytes.count
      if let slim = BodyTruncator.metadataOnly(document) { document = slim }
      truncated = true
      sink.report(
        .truncated,
        "audit event \(root["auditID"]?.displayString ?? "") is \(size) bytes, over the limit of "
          + "\(configuration.maxEventBytes): kept as metadata only (request and response bodies dropped)"
      )
    }
    if configuration.redactSecrets, let redacted = SecretRedactor.redact(document) {
      document = redacted
    }
    guard let audit = Self.auditEvent(from: document, shape: shape, truncated: truncated) else {
      sink.notAuditEvent("malformed event")
      return
    }
    let time =
      audit.stageAt ?? audit.requestReceivedAt ?? Self.timestamp(document.root["timestamp"])
      ?? sink.fallbackTime ?? Timestamp(nanoseconds: 0)
    sink.events.append(Event(time: time, position: sink.position, payload: .audit(audit)))
  }

  /// Why `root` is not an audit event (like Falco's k8saudit plugin: an object with `auditID`,
  /// `verb` or `requestURI`, `kind` missing or `Event`), nil when it is one.
  static func notAnEventReason(_ root: JSONValue) -> String? {
    guard root.kind == .object else { return "\(describe(root)), not an object" }
    if let kind = root["kind"], !kind.stringEquals("Event") {
      return "kind is \(describe(kind)), not \"Event\""
    }
    guard let auditID = root["auditID"] else { return "no auditID" }
    guard auditID.kind == .string else { return "auditID is \(describe(auditID)), not a string" }
    let verb = root["verb"]
    let uri = root["requestURI"]
    if verb?.kind != .string && uri?.kind != .string { return "no verb or requestURI" }
    return nil
  }

  /// The common fields of a validated native event; everything else stays in `document`.
  static func auditEvent(
    from document: JSONDocument, shape: AuditEvent.Shape, truncated: Bool
  ) -> AuditEvent? {
    let root = document.root
    guard let auditID = root["auditID"]?.string else { return nil }
    var objectRef: ObjectReference?
    if let ref = root["objectRef"], ref.kind == .object {
      objectRef = ObjectReference(
        resource: ref["resource"]?.string, subresource: ref["subresource"]?.string,
        namespace: ref["namespace"]?.string, name: ref["name"]?.string,
        apiGroup: ref["apiGroup"]?.string, apiVersion: ref["apiVersion"]?.string)
    }
    var responseCode: Int?
    if let code = root["responseStatus"]?["code"]?.int, let small = Int(exactly: code) {
      responseCode = small
    }
    return AuditEvent(
      auditID: auditID, stage: root["stage"]?.string, verb: root["verb"]?.string ?? "",
      requestURI: root["requestURI"]?.string ?? "", level: root["level"]?.string,
      user: userInfo(root["user"]) ?? UserInfo(username: ""),
      impersonatedUser: userInfo(root["impersonatedUser"]),
      sourceIPs: strings(root["sourceIPs"]), userAgent: root["userAgent"]?.string,
      objectRef: objectRef, responseCode: responseCode,
      requestReceivedAt: timestamp(root["requestReceivedTimestamp"]),
      stageAt: timestamp(root["stageTimestamp"]), shape: shape, truncated: truncated,
      document: document)
  }

  /// A `user`/`impersonatedUser` object; nil when absent or not an object.
  static func userInfo(_ value: JSONValue?) -> UserInfo? {
    guard let value, value.kind == .object else { return nil }
    return UserInfo(
      username: value["username"]?.string ?? "", uid: value["uid"]?.string,
      groups: strings(value["groups"]))
  }

  /// The string elements of an array (others skipped); `[]` when absent.
  static func strings(_ value: JSONValue?) -> [String] {
    guard let value, value.kind == .array else { return [] }
    var out: [String] = []
    out.reserveCapacity(value.count)
    value.forEachElement { if let s = $0.string { out.append(s) } }
    return out
  }

  /// An RFC 3339 timestamp string, read without allocating when it has no escapes.
  static func timestamp(_ value: JSONValue?) -> Timestamp? {
    guard let value, value.kind == .string else { return nil }
    let raw = value.rawBytes
    guard raw.count >= 2 else { return nil }
    let content = raw.dropFirst().dropLast()
    if content.contains(0x5C) {
      return value.string.flatMap { Timestamp(rfc3339: $0) }
    }
    return content.withUnsafeBufferPointer { Timestamp(rfc3339Bytes: $0) }
  }
}
