import VigilCore
import VigilJSON

/// Recognizing which shape a JSON value has and routing it to the right decoder.
extension AuditDecoder {
  /// Decodes `value` (the root of `document`, or a value inside it) of any supported shape.
  func decodeValue(
    _ value: JSONValue, in document: JSONDocument, isRoot: Bool, depth: Int, sink: inout DecodeSink
  ) {
    guard depth <= Self.maxWrapperDepth else {
      sink.notAuditEvent("wrappers nested more than \(Self.maxWrapperDepth) deep")
      return
    }
    switch value.kind {
    case .array:
      if value.count == 0 { return }
      value.forEachElement { element in
        decodeValue(element, in: document, isRoot: false, depth: depth + 1, sink: &sink)
      }
    case .object:
      decodeObject(value, in: document, isRoot: isRoot, depth: depth, sink: &sink)
    case .string:
      // A JSON string holding an event (a doubly encoded line) is decoded as the event.
      guard depth > 0 || sink.wrapperShape != nil, let text = value.string,
        let inner = try? JSONDocument(parsing: text)
      else {
        sink.notAuditEvent("a string, not an object")
        return
      }
      decodeValue(inner.root, in: inner, isRoot: true, depth: depth + 1, sink: &sink)
    default:
      sink.notAuditEvent("\(Self.describe(value)), not an object")
    }
  }

  /// Routes an object: an EventList, a wrapper of another shape, or a native event.
  func decodeObject(
    _ value: JSONValue, in document: JSONDocument, isRoot: Bool, depth: Int, sink: inout DecodeSink
  ) {
    let fields = NativeFields(value)
    if let kind = fields.kind, kind.stringEquals("EventList") {
      guard let items = value["items"], items.kind == .array else {
        if value["items"].map({ $0.isNull }) ?? true { return }  // an empty list prints `null`
        sink.notAuditEvent("EventList without an items array")
        return
      }
      decodeValue(items, in: document, isRoot: false, depth: depth + 1, sink: &sink)
      return
    }
    if fields.auditID != nil {
      decodeNativeValue(
        value, in: document, isRoot: isRoot, fields: fields, shape: sink.wrapperShape, sink: &sink)
      return
    }
    if let payload = value["protoPayload"] {
      decodeGKE(entry: value, payload: payload, sink: &sink)
      return
    }
    if decodeEKS(value, depth: depth, sink: &sink) { return }
    if decodeAKS(value, depth: depth, sink: &sink) { return }
    if let items = value["items"], items.kind == .array, fields.kind == nil {
      decodeValue(items, in: document, isRoot: false, depth: depth + 1, sink: &sink)
      return
    }
    decodeNativeValue(
      value, in: document, isRoot: isRoot, fields: fields, shape: sink.wrapperShape, sink: &sink)
  }

  /// Decodes the native event `value`, re-parsing it on its own when it is not the root.
  /// `fields` are `value`'s members when the caller has read them.
  func decodeNativeValue(
    _ value: JSONValue, in document: JSONDocument, isRoot: Bool, fields: NativeFields? = nil,
    shape: AuditEvent.Shape?, sink: inout DecodeSink
  ) {
    if isRoot {
      if let fields {
        decodeNative(document, fields: fields, shape: shape ?? .native, sink: &sink)
      } else {
        decodeNative(document, shape: shape ?? .native, sink: &sink)
      }
      return
    }
    guard let own = try? JSONDocument(parsing: Array(value.rawBytes)) else {
      sink.notAuditEvent("could not isolate the event")
      return
    }
    decodeNative(own, shape: shape ?? .native, sink: &sink)
  }

  /// Decodes the JSON text inside a string (a CloudWatch `message`, an AKS `properties.log`).
  func decodeEmbedded(
    _ text: JSONValue, what: String, depth: Int, shape: AuditEvent.Shape, fallbackTime: Timestamp?,
    sink: inout DecodeSink
  ) {
    let savedShape = sink.wrapperShape
    let savedTime = sink.fallbackTime
    sink.wrapperShape = shape
    sink.fallbackTime = fallbackTime ?? savedTime
    defer {
      sink.wrapperShape = savedShape
      sink.fallbackTime = savedTime
    }
    switch text.kind {
    case .string:
      guard let string = text.string else { return }
      let bytes = Array(string.utf8)
      do {
        let inner = try JSONDocument(parsing: bytes)
        decodeValue(inner.root, in: inner, isRoot: true, depth: depth + 1, sink: &sink)
      } catch {
        if let (time, rest) = TimestampPrefix.split(bytes),
          let inner = try? JSONDocument(parsing: Array(bytes[rest]))
        {
          sink.fallbackTime = sink.fallbackTime ?? time
          decodeValue(inner.root, in: inner, isRoot: true, depth: depth + 1, sink: &sink)
          return
        }
        sink.notAuditEvent("\(what) is not JSON (\(error))")
      }
    case .object, .array:
      guard let inner = try? JSONDocument(parsing: Array(text.rawBytes)) else { return }
      decodeValue(inner.root, in: inner, isRoot: true, depth: depth + 1, sink: &sink)
    default:
      sink.notAuditEvent("\(what) is \(Self.describe(text))")
    }
  }

  /// `a number (0)`, `an object` …: a value's kind for messages, with short scalars shown.
  static func describe(_ value: JSONValue) -> String {
    switch value.kind {
    case .object: return "an object"
    case .array: return "an array"
    case .string:
      let text = value.string ?? ""
      return text.utf8.count <= 40 ? "the string \(JSONText.quoted(text))" : "a string"
    case .number:
      let text = value.rawText
      return text.utf8.count <= 24 ? "a number (\(text))" : "a number"
    case .bool: return "a boolean (\(value.rawText))"
    case .null: return "null"
    }
  }
}
