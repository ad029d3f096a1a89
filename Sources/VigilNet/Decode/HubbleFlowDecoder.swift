import VigilCore
import VigilJSON

/// Reads `hubble observe -o json` output (one JSON object a line) into flow records.
///
/// Each line is one observed packet: either `{"flow":{…},"node_name":…,"time":…}` or the bare
/// flow object. Outcome, from that one packet: verdict `DROPPED` → `.refused` (policy or datapath
/// drop: the destination never answered); TCP `RST` → `.reset`; `ACK` (with or without `SYN`) →
/// `.established`; a lone `SYN`, UDP and ICMP → `.unknown` (one packet cannot tell). Lines that
/// are not flows (`node_status`, `lost_events`, non-IP flows) are skipped; lines that are not
/// JSON, or flows without a time or addresses, become diagnostics.
public struct HubbleFlowDecoder: FlowLineDecoder, Sendable {
  /// The `source` written into every record.
  public static let sourceName = "hubble"

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
    let flow: JSONValue
    if let wrapped = root["flow"] {
      guard wrapped.kind == .object else {
        return diagnostic(.unreadable, "\"flow\" is not an object")
      }
      flow = wrapped
    } else if root["IP"] != nil || root["verdict"] != nil || root["l4"] != nil {
      flow = root
    } else {
      return .skipped  // node_status, lost_events, …
    }
    guard let ip = flow["IP"] else { return .skipped }  // non-IP flow (ARP, L2)
    guard let sourceIP = ip["source"]?.string, let destinationIP = ip["destination"]?.string,
      !sourceIP.isEmpty, !destinationIP.isEmpty
    else { return diagnostic(.unreadable, "Hubble flow without IP source/destination") }
    guard let timeText = flow["time"]?.string ?? root["time"]?.string else {
      return diagnostic(.unreadable, "Hubble flow without a time")
    }
    guard let time = Timestamp(rfc3339: timeText) else {
      return diagnostic(.unreadable, "Hubble flow time is not RFC 3339: \(timeText)")
    }
    guard let transport = Transport(flow["l4"]) else {
      return diagnostic(.unreadable, "Hubble flow l4 ports out of range")
    }
    var outcome = transport.outcome
    if flow["verdict"]?.string == "DROPPED" { outcome = .refused }
    let node = flow["node_name"]?.string ?? root["node_name"]?.string
    return .record(
      FlowRecord(
        start: time, proto: transport.proto, sourceIP: sourceIP, sourcePort: transport.sourcePort,
        destinationIP: destinationIP, destinationPort: transport.destinationPort, outcome: outcome,
        node: node, source: Self.sourceName))
  }

  private func diagnostic(_ code: InputDiagnostic.Code, _ message: String) -> FlowLineResult {
    .diagnostic(
      InputDiagnostic(
        code: code, position: SourcePosition(file: file, line: lineNumber), message: message))
  }

  /// The `l4` object: protocol, ports (ICMP: type and code) and what the TCP flags say.
  private struct Transport {
    var proto: UInt8 = 0
    var sourcePort: UInt16 = 0
    var destinationPort: UInt16 = 0
    var outcome: FlowRecord.Outcome = .unknown

    /// Nil when a port, type or code is out of range.
    init?(_ l4: JSONValue?) {
      guard let l4 else { return }
      let ported: [(String, UInt8)] = [("TCP", 6), ("UDP", 17), ("SCTP", 132)]
      for (key, number) in ported {
        guard let layer = l4[key] else { continue }
        guard let s = Self.number(layer["source_port"]),
          let d = Self.number(layer["destination_port"])
        else { return nil }
        proto = number
        sourcePort = s
        destinationPort = d
        if number == 6, let flags = layer["flags"] {
          let set: (String) -> Bool = { flags[$0]?.bool == true }
          if set("RST") {
            outcome = .reset
          } else if set("ACK") {
            outcome = .established
          }
        }
        return
      }
      for (key, number) in [("ICMPv4", UInt8(1)), ("ICMPv6", UInt8(58))] {
        guard let layer = l4[key] else { continue }
        guard let type = Self.number(layer["type"]), let code = Self.number(layer["code"]) else {
          return nil
        }
        proto = number
        sourcePort = type
        destinationPort = code
        return
      }
    }

    /// A JSON integer as a port; absent counts as 0 (protobuf JSON omits zero values).
    private static func number(_ value: JSONValue?) -> UInt16? {
      guard let value else { return 0 }
      guard let int = value.int else { return nil }
      return UInt16(exactly: int)
    }
  }
}
