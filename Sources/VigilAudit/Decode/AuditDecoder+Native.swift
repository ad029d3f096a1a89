import VigilCore
import VigilJSON

/// Decoding a native `audit.k8s.io` Event (v1, v1beta1, or older shapes without apiVersion).
extension AuditDecoder {
  /// Validates the native event that is `document`'s root, applies the size limit and secret
  /// redaction, and appends the normalized event (or a diagnostic saying why it is not one).
  func decodeNative(_ document: JSONDocument, shape: AuditEvent.Shape, sink: inout DecodeSink) {
    decodeNative(document, fields: NativeFields(document.root), shape: shape, sink: &sink)
  }

  /// `decodeNative(_:shape:sink:)` with the root's members (`fields`) already read.
  func decodeNative(
    _ document: JSONDocument, fields: NativeFields, shape: AuditEvent.Shape, sink: inout DecodeSink
  ) {
    if let reason = Self.notAnEventReason(document.root, fields) {
      sink.notAuditEvent(reason)
      return
    }
    var rebuilt: JSONDocument?
    var truncated = false
    if document.bytes.count > configuration.maxEventBytes {
      let size = document.bytes.count
      rebuilt = BodyTruncator.metadataOnly(document)
      truncated = true
      sink.report(
        .truncated,
        "audit event \(fields.auditID?.displayString ?? "") is \(size) bytes, over the limit of "
          + "\(configuration.maxEventBytes): kept as metadata only (request and response bodies dropped)"
      )
    }
    if let rebuilt {
      // The members moved: read them again from the rebuilt document.
      finishNative(rebuilt, fields: NativeFields(rebuilt.root), shape, truncated, &sink)
    } else {
      finishNative(document, fields: fields, shape, truncated, &sink)
    }
  }

  /// Redacts secrets and appends the event (the last steps of `decodeNative`).
  private func finishNative(
    _ document: JSONDocument, fields: NativeFields, _ shape: AuditEvent.Shape, _ truncated: Bool,
    _ sink: inout DecodeSink
  ) {
    if configuration.redactSecrets,
      let redacted = SecretRedactor.redact(
        document, requestObject: fields.requestObject, responseObject: fields.responseObject,
        objectRef: fields.objectRef)
    {
      appendNative(redacted, fields: NativeFields(redacted.root), shape, truncated, &sink)
    } else {
      appendNative(document, fields: fields, shape, truncated, &sink)
    }
  }

  /// Builds the event from a final (limited, redacted) document and appends it.
  private func appendNative(
    _ document: JSONDocument, fields: NativeFields, _ shape: AuditEvent.Shape, _ truncated: Bool,
    _ sink: inout DecodeSink
  ) {
    guard let audit = Self.auditEvent(from: document, fields, shape: shape, truncated: truncated)
    else {
      sink.notAuditEvent("malformed event")
      return
    }
    let time =
      audit.stageAt ?? audit.requestReceivedAt ?? Self.timestamp(fields.timestamp)
      ?? sink.fallbackTime ?? Timestamp(nanoseconds: 0)
    sink.events.append(Event(time: time, position: sink.position, payload: .audit(audit)))
  }

  /// Why `root` is not an audit event (like Falco's k8saudit plugin: an object with `auditID`,
  /// `verb` or `requestURI`, `kind` missing or `Event`), nil when it is one.
  static func notAnEventReason(_ root: JSONValue) -> String? {
    notAnEventReason(root, NativeFields(root))
  }

  /// `notAnEventReason(_:)` with the root's members already read.
  static func notAnEventReason(_ root: JSONValue, _ fields: NativeFields) -> String? {
    guard root.kind == .object else { return "\(describe(root)), not an object" }
    if let kind = fields.kind, !kind.stringEquals("Event") {
      return "kind is \(describe(kind)), not \"Event\""
    }
    guard let auditID = fields.auditID else { return "no auditID" }
    guard auditID.kind == .string else { return "auditID is \(describe(auditID)), not a string" }
    if fields.verb?.kind != .string && fields.requestURI?.kind != .string {
      return "no verb or requestURI"
    }
    return nil
  }

  /// The common fields of a validated native event; everything else stays in `document`.
  static func auditEvent(
    from document: JSONDocument, shape: AuditEvent.Shape, truncated: Bool
  ) -> AuditEvent? {
    auditEvent(from: document, NativeFields(document.root), shape: shape, truncated: truncated)
  }

  /// `auditEvent(from:shape:truncated:)` with the root's members already read.
  static func auditEvent(
    from document: JSONDocument, _ fields: NativeFields, shape: AuditEvent.Shape, truncated: Bool
  ) -> AuditEvent? {
    guard let auditID = fields.string(at: fields.auditIDAt) else { return nil }
    var objectRef: ObjectReference?
    if let ref = fields.objectRef, ref.kind == .object {
      objectRef = NativeFields.objectReference(ref)
    }
    var responseCode: Int?
    if let status = fields.responseStatus {
      responseCode = NativeFields.responseCode(status)
    }
    return AuditEvent(
      auditID: auditID, stage: fields.string(at: fields.stageAt, known: NativeFields.stages),
      verb: fields.string(at: fields.verbAt, known: NativeFields.verbs) ?? "",
      level: fields.string(at: fields.levelAt, known: NativeFields.levels),
      user: userInfo(fields.user) ?? UserInfo(username: ""),
      impersonatedUser: userInfo(fields.impersonatedUser), objectRef: objectRef,
      responseCode: responseCode,
      requestReceivedAt: timestamp(fields.root, at: fields.requestReceivedTimestampAt),
      stageAt: timestamp(fields.root, at: fields.stageTimestampAt), shape: shape,
      truncated: truncated, document: document)
  }

  /// A `user`/`impersonatedUser` object; nil when absent or not an object.
  static func userInfo(_ value: JSONValue?) -> UserInfo? {
    guard let value, value.kind == .object else { return nil }
    return NativeFields.userInfo(value)
  }

  /// The string elements of an array (others skipped); `[]` when absent.
  static func strings(_ value: JSONValue?) -> [String] {
    guard let value, value.kind == .array else { return [] }
    var out: [String] = []
    out.reserveCapacity(value.count)
    value.forEachElementPosition { if let s = value.string(atPosition: $0) { out.append(s) } }
    return out
  }

  /// An RFC 3339 timestamp string, read without allocating when it has no escapes.
  static func timestamp(_ value: JSONValue?) -> Timestamp? {
    guard let value else { return nil }
    return value.withStringUTF8 { Timestamp(rfc3339Bytes: $0) } ?? nil
  }

  /// The RFC 3339 timestamp string at `position` in `object` (a member position), without
  /// making a value for it.
  static func timestamp(_ object: JSONValue, at position: Int) -> Timestamp? {
    object.withStringUTF8(atPosition: position) { Timestamp(rfc3339Bytes: $0) } ?? nil
  }
}
