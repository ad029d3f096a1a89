import VigilCore
import VigilJSON

extension NetworkGraph {
  /// Reads back a document written by `json()`.
  public init(json text: String) throws(NetworkGraphDecodeError) {
    let document: JSONDocument
    do { document = try JSONDocument(parsing: text) } catch {
      throw NetworkGraphDecodeError(.notJSON, "\(error)")
    }
    let root = document.root
    guard root.kind == .object else { throw NetworkGraphDecodeError(.notJSON, "not an object") }
    let version = root["version"]?.int ?? -1
    guard version == Int64(Self.jsonVersion) else {
      throw NetworkGraphDecodeError(.unsupportedVersion, "version \(version)")
    }
    var nodes: [Node] = []
    for (i, value) in (root["nodes"]?.elements ?? []).enumerated() {
      nodes.append(try Self.node(value, index: i))
    }
    var edges: [Edge] = []
    for (i, value) in (root["edges"]?.elements ?? []).enumerated() {
      edges.append(try Self.edge(value, index: i))
    }
    self.init(nodes: nodes, edges: edges, droppedFlows: Int(root["droppedFlows"]?.int ?? 0))
  }

  static func node(_ value: JSONValue, index: Int) throws(NetworkGraphDecodeError) -> Node {
    guard let kindText = value["kind"]?.string, let kind = NetworkEndpoint.Kind(rawValue: kindText)
    else { throw NetworkGraphDecodeError(.badNode, "node \(index): no known kind") }
    let scope = value["scope"]?.string.flatMap(NetworkEndpoint.AddressScope.init(rawValue:))
    let endpoint = NetworkEndpoint(
      kind, cluster: value["cluster"]?.string, namespace: value["namespace"]?.string ?? "",
      workloadKind: value["workloadKind"]?.string ?? "", name: value["name"]?.string ?? "",
      address: value["address"]?.string, scope: scope, dnsName: value["dnsName"]?.string)
    guard endpoint.id == value["id"]?.string else {
      throw NetworkGraphDecodeError(
        .badNode,
        "node \(index): fields make id \(endpoint.id), not \(value["id"]?.string ?? "none")")
    }
    var marks = EndpointMarks(isPublicEntry: value["publicEntry"]?.bool ?? false)
    if let s = value["sensitivity"] {
      guard let levelText = s["level"]?.string,
        let level = EndpointMarks.Sensitivity.Level(rawValue: levelText)
      else { throw NetworkGraphDecodeError(.badNode, "node \(index): sensitivity without level") }
      marks.sensitivity = EndpointMarks.Sensitivity(
        level: level, product: s["product"]?.string ?? "", reason: s["reason"]?.string ?? "")
    }
    return Node(endpoint: endpoint, marks: marks)
  }

  static func edge(_ value: JSONValue, index: Int) throws(NetworkGraphDecodeError) -> Edge {
    func fail(_ what: String) -> NetworkGraphDecodeError {
      NetworkGraphDecodeError(.badEdge, "edge \(index): \(what)")
    }
    func count(_ key: String, in object: JSONValue = value) throws(NetworkGraphDecodeError)
      -> UInt64
    {
      guard let number = object[key]?.int, number >= 0 else { throw fail("no \(key)") }
      return UInt64(number)
    }
    func time(_ key: String) throws(NetworkGraphDecodeError) -> Timestamp {
      guard let text = value[key]?.string, let time = Timestamp(rfc3339: text) else {
        throw fail("no \(key)")
      }
      return time
    }
    guard let source = value["source"]?.string, let destination = value["destination"]?.string
    else { throw fail("no source or destination") }
    guard let portNumber = value["port"]?.int, let port = UInt16(exactly: portNumber) else {
      throw fail("no port")
    }
    guard let protoText = value["proto"]?.string, let proto = protocolNumber(protoText) else {
      throw fail("no proto")
    }
    guard let classText = value["class"]?.string, let edgeClass = EdgeClass(rawValue: classText)
    else { throw fail("no class") }
    guard let outcomes = value["outcomes"] else { throw fail("no outcomes") }
    var mix = OutcomeCounts()
    for outcome in FlowRecord.Outcome.allCases {
      mix[outcome] = Int(try count(outcome.rawValue, in: outcomes))
    }
    return Edge(
      source: source, destination: destination, port: port, proto: proto, edgeClass: edgeClass,
      connections: Int(try count("connections")), bytesOut: try count("bytesOut"),
      bytesIn: try count("bytesIn"), packetsOut: try count("packetsOut"),
      packetsIn: try count("packetsIn"), firstSeen: try time("firstSeen"),
      lastSeen: try time("lastSeen"), outcomes: mix)
  }
}
