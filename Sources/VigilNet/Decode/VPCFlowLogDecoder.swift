import VigilCore

/// Reads AWS VPC Flow Logs text records into flow records.
///
/// Without a header the default version 2 format is assumed (`version account-id interface-id
/// srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status`); a header
/// line naming the fields (as S3 delivery writes it, and as custom v3–v5 formats need) sets the
/// layout for the lines after it. `-` means missing. `NODATA` / `SKIPDATA` records are skipped.
/// Outcome: `action` `REJECT` → `.refused`; else `tcp-flags` (the OR of the flags seen in the
/// interval) with RST (4) → `.reset`, SYN alone (2) → `.unreplied`, SYN-ACK (18) or FIN (1) →
/// `.established`; anything else `.unknown`. Each record is one direction, so `bytes`/`packets`
/// go to `bytesOut`/`packetsOut`; `node` is the interface id (else the instance id).
public struct VPCFlowLogDecoder: FlowLineDecoder, Sendable {
  /// The `source` written into every record.
  public static let sourceName = "vpc-flow-log"

  /// The default (version 2) field layout.
  public static let defaultFields = [
    "version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport", "protocol",
    "packets", "bytes", "start", "end", "action", "log-status",
  ]

  /// The file name diagnostics carry (`-` for standard input).
  public var file: String
  /// Lines read so far (the next line's number is `lineNumber + 1`).
  public private(set) var lineNumber = 0
  /// The field layout in force (the default, or the last header line seen).
  public private(set) var fields: [String]
  private var index: [String: Int]

  /// Creates a decoder for input named `file`, with a layout given up front (else the default).
  public init(file: String, fields: [String]?) {
    self.file = file
    self.fields = fields ?? Self.defaultFields
    self.index = Self.makeIndex(self.fields)
  }

  /// Creates a decoder for input named `file` with the default (version 2) layout until a header
  /// line names the fields.
  public init(file: String = "-") { self.init(file: file, fields: nil) }

  /// Decodes the next line (a header line changes the layout and is skipped).
  public mutating func next<Line: StringProtocol>(line: Line) -> FlowLineResult {
    lineNumber += 1
    let tokens = String(line).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    if tokens.isEmpty { return .skipped }
    if Self.isHeader(tokens) {
      fields = tokens
      index = Self.makeIndex(tokens)
      return .skipped
    }
    guard tokens.count == fields.count else {
      return diagnostic("expected \(fields.count) fields, found \(tokens.count)")
    }
    func value(_ name: String) -> String? {
      guard let i = index[name], tokens[i] != "-" else { return nil }
      return tokens[i]
    }
    if let status = value("log-status"), status == "NODATA" || status == "SKIPDATA" {
      return .skipped
    }
    guard let sourceIP = value("srcaddr"), let destinationIP = value("dstaddr") else {
      return diagnostic("record without srcaddr/dstaddr")
    }
    guard let startText = value("start"), let startSeconds = Int64(startText) else {
      return diagnostic("start is not Unix seconds")
    }
    let endSeconds = value("end").flatMap { Int64($0) } ?? startSeconds
    guard let proto = Self.number(value("protocol"), as: UInt8.self),
      let sourcePort = Self.number(value("srcport"), as: UInt16.self),
      let destinationPort = Self.number(value("dstport"), as: UInt16.self)
    else { return diagnostic("protocol or port out of range") }
    let bytes = value("bytes").flatMap { UInt64($0) }
    let packets = value("packets").flatMap { UInt64($0) }
    let flags = value("tcp-flags").flatMap { UInt16($0) }
    return .record(
      FlowRecord(
        start: Timestamp(nanoseconds: startSeconds &* 1_000_000_000),
        end: Timestamp(nanoseconds: endSeconds &* 1_000_000_000), proto: proto, sourceIP: sourceIP,
        sourcePort: sourcePort, destinationIP: destinationIP, destinationPort: destinationPort,
        outcome: Self.outcome(action: value("action"), proto: proto, tcpFlags: flags),
        bytesOut: bytes, packetsOut: packets,
        node: value("interface-id") ?? value("instance-id"), source: Self.sourceName))
  }

  /// The outcome from `action` and `tcp-flags`.
  static func outcome(action: String?, proto: UInt8, tcpFlags: UInt16?) -> FlowRecord.Outcome {
    if action == "REJECT" { return .refused }
    guard proto == 6, let flags = tcpFlags else { return .unknown }
    if flags & 4 != 0 { return .reset }
    if flags == 2 { return .unreplied }
    if flags & 16 != 0 || flags & 1 != 0 { return .established }
    return .unknown
  }

  /// A header: every token a lowercase field name, including `srcaddr` and `dstaddr`.
  static func isHeader(_ tokens: [String]) -> Bool {
    tokens.contains("srcaddr") && tokens.contains("dstaddr")
      && tokens.allSatisfy { token in
        token.first?.isLowercase == true
          && token.utf8.allSatisfy {
            ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D
          }
      }
  }

  /// `-` (absent) is 0; otherwise the decimal value, nil when out of range.
  private static func number<T: FixedWidthInteger>(_ text: String?, as: T.Type) -> T? {
    guard let text else { return 0 }
    return T(text)
  }

  private static func makeIndex(_ fields: [String]) -> [String: Int] {
    var index: [String: Int] = [:]
    for (i, name) in fields.enumerated() where index[name] == nil { index[name] = i }
    return index
  }

  private func diagnostic(_ message: String) -> FlowLineResult {
    .diagnostic(
      InputDiagnostic(
        code: .unreadable, position: SourcePosition(file: file, line: lineNumber),
        message: "not a VPC flow log record: \(message)"))
  }
}
