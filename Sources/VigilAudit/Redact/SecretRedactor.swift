import VigilJSON

/// Replaces secret values in a native audit event with `"<redacted>"`, splicing the bytes so the
/// rest of the event is byte-for-byte unchanged and the keys stay visible (DESIGN.md: secrets
/// never stored).
///
/// Redacted when `objectRef.resource` is `secrets`: in `requestObject` and `responseObject`,
/// every value under `data` and `stringData` (in `items[]` of lists too), the
/// `kubectl.kubernetes.io/last-applied-configuration` annotation, and the `value` of JSON-patch
/// operations whose path touches those. Anywhere in the bodies, any object of kind `Secret` or
/// `SecretList` is treated the same way.
struct SecretRedactor {
  /// The replacement text.
  static let placeholder: [UInt8] = Array(#""<redacted>""#.utf8)
  /// The bytes that start a `"Secret"` or `"SecretList"` string (the pre-check for kinds).
  static let secretKindPrefix: [UInt8] = Array(#""Secret"#.utf8)
  /// A `\u` escape: any string may hide `Secret` behind it, so such documents get the full walk.
  static let escapePrefix: [UInt8] = Array(#"\u"#.utf8)
  /// The annotation that holds a copy of the whole object as applied.
  static let lastApplied = "kubectl.kubernetes.io/last-applied-configuration"

  private var ranges: [Range<Int>] = []

  /// The redacted event, or nil when nothing needed redacting.
  static func redact(_ document: JSONDocument) -> JSONDocument? {
    let root = document.root
    return redact(
      document, requestObject: root["requestObject"], responseObject: root["responseObject"],
      objectRef: root["objectRef"])
  }

  /// `redact(_:)` with the root's `requestObject`, `responseObject` and `objectRef` members
  /// already found. Cheap when there is nothing to redact: no body, or neither a `secrets`
  /// resource nor the bytes `"Secret` anywhere.
  static func redact(
    _ document: JSONDocument, requestObject: JSONValue?, responseObject: JSONValue?,
    objectRef: JSONValue?
  ) -> JSONDocument? {
    guard requestObject != nil || responseObject != nil else { return nil }
    let isSecret = objectRef?["resource"]?.stringEquals("secrets") ?? false
    // A kind spelled with escapes (`"\u0053ecret"`) must not slip past the byte pre-check.
    let mentionsSecret =
      ByteSearch.contains(document.bytes, secretKindPrefix)
      || (document.hasEscapedStrings && ByteSearch.contains(document.bytes, escapePrefix))
    guard isSecret || mentionsSecret else { return nil }
    var redactor = SecretRedactor()
    for body in [requestObject, responseObject] {
      guard let body else { continue }
      if isSecret {
        if body.kind == .array {
          redactor.redactPatch(body)
        } else {
          redactor.redactSecretObject(body)
        }
      }
      if mentionsSecret { redactor.redactSecretKinds(body, depth: 0) }
    }
    return redactor.apply(to: document)
  }

  /// Redacts a Secret (or a list of them): data, stringData, last-applied, items.
  mutating func redactSecretObject(_ object: JSONValue) {
    guard object.kind == .object else { return }
    for key in ["data", "stringData"] {
      guard let values = object[key] else { continue }
      if values.kind == .object {
        values.forEachMember { _, value in add(value) }
      } else if !values.isNull {
        add(values)
      }
    }
    redactAnnotations(object["metadata"]?["annotations"])
    object["items"]?.forEachElement { redactSecretObject($0) }
  }

  /// Redacts the last-applied-configuration member of an annotations object.
  mutating func redactAnnotations(_ annotations: JSONValue?) {
    if let value = annotations?[Self.lastApplied] { add(value) }
  }

  /// Redacts the values of JSON-patch operations whose path reaches secret data.
  mutating func redactPatch(_ patch: JSONValue) {
    patch.forEachElement { op in
      guard let value = op["value"] else { return }
      let path = op["path"]?.string ?? ""
      if path.hasPrefix("/data") || path.hasPrefix("/stringData")
        || path.contains("last-applied-configuration")
      {
        add(value)
      } else if path == "" || path == "/" || path == "/items" || path.hasPrefix("/items/") {
        redactSecretObject(value)
      } else if path == "/metadata" {
        redactAnnotations(value["annotations"])
      } else if path == "/metadata/annotations" {
        redactAnnotations(value)
      }
    }
  }

  /// Finds objects of kind `Secret`/`SecretList` anywhere under `value` and redacts them.
  mutating func redactSecretKinds(_ value: JSONValue, depth: Int) {
    guard depth < 600 else { return }
    switch value.kind {
    case .object:
      if let kind = value["kind"], kind.stringEquals("Secret") || kind.stringEquals("SecretList") {
        redactSecretObject(value)
      }
      value.forEachMember { _, member in redactSecretKinds(member, depth: depth + 1) }
    case .array:
      value.forEachElement { redactSecretKinds($0, depth: depth + 1) }
    default:
      break
    }
  }

  /// Marks a value for replacement (already redacted values are left alone).
  mutating func add(_ value: JSONValue) {
    if value.kind == .string, value.stringEquals("<redacted>") { return }
    ranges.append(value.byteRange)
  }

  /// Splices the placeholders in; nested or repeated ranges collapse into the outermost.
  func apply(to document: JSONDocument) -> JSONDocument? {
    guard !ranges.isEmpty else { return nil }
    let sorted = ranges.sorted {
      $0.lowerBound != $1.lowerBound ? $0.lowerBound < $1.lowerBound : $0.count > $1.count
    }
    var kept: [(Range<Int>, [UInt8])] = []
    var end = 0
    for range in sorted where range.lowerBound >= end {
      kept.append((range, Self.placeholder))
      end = range.upperBound
    }
    return try? document.replacing(kept)
  }
}
