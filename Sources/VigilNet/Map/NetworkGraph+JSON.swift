import VigilCore
import VigilJSON

/// The map as JSON, the shape `vigil graph -o json` prints and `GET /api/v1/graph` returns.
///
/// ```
/// {"version":1,"droppedFlows":0,
///  "nodes":[{"id":"workload:web/Deployment/frontend","kind":"workload","namespace":"web",
///            "workloadKind":"Deployment","name":"frontend","publicEntry":true}, …],
///  "edges":[{"source":"workload:web/Deployment/frontend","destination":"domain:example.com",
///            "port":443,"proto":"tcp","class":"egress-internet","connections":12,
///            "bytesOut":3400,"bytesIn":120000,"packetsOut":40,"packetsIn":90,
///            "firstSeen":"2025-…Z","lastSeen":"2025-…Z",
///            "outcomes":{"established":12,"refused":0,"reset":0,"unreplied":0,"unknown":0},
///            "marks":["public-entry-source","sensitive-destination"]}, …]}
/// ```
///
/// Node fields: `id`, `kind` (`NetworkEndpoint.Kind`), and when set `cluster`, `namespace`,
/// `workloadKind`, `name`, `address`, `scope` (`NetworkEndpoint.AddressScope`), `dnsName`,
/// `publicEntry` (true only), `sensitivity` (`{"level","product","reason"}`). Edge `marks` is
/// derived from the nodes (`public-entry-source`, `public-entry-destination`,
/// `sensitive-destination`). Times are RFC 3339 with nanoseconds. New fields may be added;
/// existing ones keep their meaning (`version` changes otherwise).
extension NetworkGraph {
  /// The version written in `version`.
  public static let jsonVersion = 1

  /// The graph as one JSON document (no trailing newline).
  public func json() -> String {
    var out: [UInt8] = []
    out.reserveCapacity(256 * (nodes.count + edges.count) + 64)
    out += Array(
      "{\"version\":\(Self.jsonVersion),\"droppedFlows\":\(droppedFlows),\"nodes\":[".utf8)
    var marksByID: [String: EndpointMarks] = [:]
    for (i, node) in nodes.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      Self.write(node, to: &out)
      marksByID[node.id] = node.marks
    }
    out += Array("],\"edges\":[".utf8)
    for (i, edge) in edges.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      Self.write(
        edge, source: marksByID[edge.source] ?? .none,
        destination: marksByID[edge.destination] ?? .none, to: &out)
    }
    out += Array("]}".utf8)
    return String(decoding: out, as: UTF8.self)
  }

  static func write(_ node: Node, to out: inout [UInt8]) {
    let e = node.endpoint
    var fields: [(String, String?)] = [
      ("id", node.id), ("kind", e.kind.rawValue), ("cluster", e.cluster),
      ("namespace", e.namespace.isEmpty ? nil : e.namespace),
      ("workloadKind", e.workloadKind.isEmpty ? nil : e.workloadKind),
      ("name", e.name.isEmpty ? nil : e.name), ("address", e.address),
      ("scope", e.scope?.rawValue), ("dnsName", e.dnsName),
    ]
    fields = fields.filter { $0.1 != nil }
    out.append(UInt8(ascii: "{"))
    for (i, field) in fields.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      JSONText.appendQuoted(field.0, to: &out)
      out.append(UInt8(ascii: ":"))
      JSONText.appendQuoted(field.1 ?? "", to: &out)
    }
    if node.marks.isPublicEntry { out += Array(",\"publicEntry\":true".utf8) }
    if let s = node.marks.sensitivity {
      out += Array(",\"sensitivity\":{\"level\":".utf8)
      JSONText.appendQuoted(s.level.rawValue, to: &out)
      out += Array(",\"product\":".utf8)
      JSONText.appendQuoted(s.product, to: &out)
      out += Array(",\"reason\":".utf8)
      JSONText.appendQuoted(s.reason, to: &out)
      out.append(UInt8(ascii: "}"))
    }
    out.append(UInt8(ascii: "}"))
  }

  static func write(
    _ edge: Edge, source: EndpointMarks, destination: EndpointMarks, to out: inout [UInt8]
  ) {
    out += Array("{\"source\":".utf8)
    JSONText.appendQuoted(edge.source, to: &out)
    out += Array(",\"destination\":".utf8)
    JSONText.appendQuoted(edge.destination, to: &out)
    let o = edge.outcomes
    var text = ",\"port\":\(edge.port),\"proto\":\"\(protocolName(edge.proto))\""
    text += ",\"class\":\"\(edge.edgeClass.rawValue)\",\"connections\":\(edge.connections)"
    text += ",\"bytesOut\":\(edge.bytesOut),\"bytesIn\":\(edge.bytesIn)"
    text += ",\"packetsOut\":\(edge.packetsOut),\"packetsIn\":\(edge.packetsIn)"
    text += ",\"firstSeen\":\"\(edge.firstSeen.rfc3339(fractionDigits: 9))\""
    text += ",\"lastSeen\":\"\(edge.lastSeen.rfc3339(fractionDigits: 9))\""
    text += ",\"outcomes\":{\"established\":\(o.established),\"refused\":\(o.refused)"
    text += ",\"reset\":\(o.reset),\"unreplied\":\(o.unreplied),\"unknown\":\(o.unknown)}"
    var marks: [String] = []
    if source.isPublicEntry { marks.append("\"public-entry-source\"") }
    if destination.isPublicEntry { marks.append("\"public-entry-destination\"") }
    if destination.sensitivity != nil { marks.append("\"sensitive-destination\"") }
    text += ",\"marks\":[\(marks.joined(separator: ","))]}"
    out += Array(text.utf8)
  }
}
