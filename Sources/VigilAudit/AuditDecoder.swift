import VigilCore
import VigilJSON

/// Turns JSON documents holding Kubernetes audit events in any supported shape (native
/// `audit.k8s.io` Event/EventList/array, EKS CloudWatch exports, AKS diagnostic logs, GKE Cloud
/// Audit Logs) into normalized `Event`s, redacting secrets and enforcing the size limit.
///
/// Decoding never throws and never traps: whatever is not an audit event becomes an
/// `InputDiagnostic` and the rest goes on.
public struct AuditDecoder: Sendable {
  /// Limits and policies of a decoder.
  public struct Configuration: Sendable {
    /// An event whose native JSON is larger than this is kept as metadata only (`truncated`).
    public var maxEventBytes: Int = 1 << 20
    /// Replace Secret values with `"<redacted>"` before anything else sees the event.
    public var redactSecrets: Bool = true

    /// The defaults: 1 MiB events, secrets redacted.
    public init() {}
  }

  /// How deep wrappers may nest (a CloudWatch export of a records list of …) before giving up.
  static let maxWrapperDepth = 6

  /// The decoder's configuration.
  public var configuration: Configuration

  /// Creates a decoder.
  public init(configuration: Configuration = .init()) {
    self.configuration = configuration
  }

  /// Decodes one JSON document (one line, or one whole document) holding any supported shape;
  /// appends the events found and the problems found. Never throws, never traps.
  public func decode(
    _ document: JSONDocument, at position: SourcePosition, into events: inout [Event],
    diagnostics: inout [InputDiagnostic]
  ) {
    var sink = DecodeSink(position: position, events: events, diagnostics: diagnostics)
    events = []
    diagnostics = []
    decodeValue(document.root, in: document, isRoot: true, depth: 0, sink: &sink)
    events = sink.events
    diagnostics = sink.diagnostics
  }

  /// Parses one JSON text with `indexer` (an S3-export `<RFC 3339 time> {…}` prefix is accepted)
  /// and decodes it; text that is not JSON yields one `.notJSON` diagnostic.
  public func decode(
    bytes: [UInt8], at position: SourcePosition, indexer: inout JSONIndexer,
    into events: inout [Event], diagnostics: inout [InputDiagnostic]
  ) {
    let document: JSONDocument
    do {
      document = try indexer.parse(bytes)
    } catch {
      guard let (time, rest) = TimestampPrefix.split(bytes),
        let inner = try? indexer.parse(Array(bytes[rest]))
      else {
        diagnostics.append(
          InputDiagnostic(code: .notJSON, position: position, message: "not JSON: \(error)"))
        return
      }
      var sink = DecodeSink(position: position, events: events, diagnostics: diagnostics)
      events = []
      diagnostics = []
      sink.fallbackTime = time
      sink.wrapperShape = .eks
      decodeValue(inner.root, in: inner, isRoot: true, depth: 1, sink: &sink)
      events = sink.events
      diagnostics = sink.diagnostics
      return
    }
    decode(document, at: position, into: &events, diagnostics: &diagnostics)
  }

  /// Convenience for tests and other engineers: decode JSON text (one document) → events (+ diagnostics).
  public func decode(
    text: String, at position: SourcePosition = .init(file: "-", line: 1)
  ) -> (events: [Event], diagnostics: [InputDiagnostic]) {
    var events: [Event] = []
    var diagnostics: [InputDiagnostic] = []
    var indexer = JSONIndexer()
    decode(
      bytes: Array(text.utf8), at: position, indexer: &indexer, into: &events,
      diagnostics: &diagnostics)
    return (events, diagnostics)
  }
}

/// Where one document's events and diagnostics go while it is decoded, with the context that
/// wrappers pass down to the events inside them.
struct DecodeSink {
  /// The document's position; every event and diagnostic from it carries it.
  var position: SourcePosition
  /// Events found so far.
  var events: [Event]
  /// Problems found so far.
  var diagnostics: [InputDiagnostic]
  /// The time a wrapper gave (CloudWatch record timestamp), used when the event has none.
  var fallbackTime: Timestamp?
  /// The shape of the outermost wrapper (EKS, AKS), nil for native.
  var wrapperShape: AuditEvent.Shape?

  /// Records a diagnostic at the document's position.
  mutating func report(_ code: InputDiagnostic.Code, _ message: String) {
    diagnostics.append(InputDiagnostic(code: code, position: position, message: message))
  }

  /// Records a `.notAuditEvent` diagnostic with its reason.
  mutating func notAuditEvent(_ reason: String) {
    report(.notAuditEvent, "not a Kubernetes audit event: \(reason)")
  }
}
