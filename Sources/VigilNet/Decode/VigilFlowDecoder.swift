import VigilCore
import VigilJSON

/// Reads Vigil's own flow JSON lines (``FlowRecord/jsonLine``): what the node agent ships and
/// `vigil graph` reads back. A line that is not JSON, lacks a field, or holds a value out of range
/// becomes a diagnostic with its line number; the input goes on.
public struct VigilFlowDecoder: FlowLineDecoder, Sendable {
  /// The file name diagnostics carry (`-` for standard input).
  public var file: String
  /// Lines read so far (the next line's number is `lineNumber + 1`).
  public private(set) var lineNumber = 0

  /// Creates a decoder for input named `file`.
  public init(file: String = "-") { self.file = file }

  /// Decodes the next line.
  public mutating func next<Line: StringProtocol>(line: Line) -> FlowLineResult {
    lineNumber += 1
    if line.allSatisfy(\.isWhitespace) { return .skipped }
    let document: JSONDocument
    do {
      document = try JSONDocument(parsing: String(line))
    } catch {
      return diagnostic(.notJSON, "not JSON: \(error)")
    }
    let root = document.root
    guard root.kind == .object else { return diagnostic(.notJSON, "not a JSON object") }
    guard let startText = root["start"]?.string, let start = Timestamp(rfc3339: startText) else {
      return diagnostic(.unreadable, "flow without an RFC 3339 \"start\"")
    }
    var end = start
    if let endValue = root["end"] {
      guard let text = endValue.string, let parsed = Timestamp(rfc3339: text) else {
        return diagnostic(.unreadable, "flow \"end\" is not an RFC 3339 time")
      }
      end = parsed
    }
    guard let protoValue = root["proto"]?.int, let proto = UInt8(exactly: protoValue) else {
      return diagnostic(.unreadable, "flow \"proto\" missing or not 0–255")
    }
    guard let source = root["src"]?.string, !source.isEmpty,
      let destination = root["dst"]?.string, !destination.isEmpty
    else { return diagnostic(.unreadable, "flow without \"src\" and \"dst\" addresses") }
    guard let sourcePort = port(root["sport"]), let destinationPort = port(root["dport"]) else {
      return diagnostic(.unreadable, "flow port out of range")
    }
    var outcome = FlowRecord.Outcome.unknown
    if let text = root["outcome"]?.string {
      guard let parsed = FlowRecord.Outcome(rawValue: text) else {
        return diagnostic(.unreadable, "unknown flow outcome \"\(text)\"")
      }
      outcome = parsed
    }
    var counters: [UInt64?] = []
    for key in ["bytesOut", "bytesIn", "packetsOut", "packetsIn"] {
      guard let value = root[key] else {
        counters.append(nil)
        continue
      }
      guard let int = value.int, let count = UInt64(exactly: int) else {
        return diagnostic(.unreadable, "flow \"\(key)\" is not a non-negative integer")
      }
      counters.append(count)
    }
    return .record(
      FlowRecord(
        start: start, end: end, proto: proto, sourceIP: source, sourcePort: sourcePort,
        destinationIP: destination, destinationPort: destinationPort, outcome: outcome,
        bytesOut: counters[0], bytesIn: counters[1], packetsOut: counters[2],
        packetsIn: counters[3], dnsName: root["dns"]?.string, node: root["node"]?.string,
        source: root["source"]?.string ?? "vigil"))
  }

  /// A port: absent is 0, anything else must be an integer in 0…65535.
  private func port(_ value: JSONValue?) -> UInt16? {
    guard let value else { return 0 }
    return value.int.flatMap { UInt16(exactly: $0) }
  }

  private func diagnostic(_ code: InputDiagnostic.Code, _ message: String) -> FlowLineResult {
    .diagnostic(
      InputDiagnostic(
        code: code, position: SourcePosition(file: file, line: lineNumber), message: message))
  }
}
