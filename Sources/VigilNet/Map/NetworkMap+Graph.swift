import VigilCore

extension NetworkMap {
  /// The map, or the part of it with an end in `namespace` and flows seen at or after `since`.
  public func graph(namespace: String? = nil, since: Timestamp? = nil) -> NetworkGraph {
    let cutoff = since?.nanoseconds ?? .min
    var used: Set<Int32> = []
    var out: [NetworkGraph.Edge] = []
    for edge in edges where edge.last >= cutoff {
      let source = nodes[Int(edge.key.source)]
      let destination = nodes[Int(edge.key.destination)]
      if let namespace, source.namespace != namespace, destination.namespace != namespace {
        continue
      }
      used.insert(edge.key.source)
      used.insert(edge.key.destination)
      out.append(
        NetworkGraph.Edge(
          source: source.id, destination: destination.id, port: edge.key.port,
          proto: edge.key.proto, edgeClass: edge.edgeClass, connections: edge.connections,
          bytesOut: edge.bytesOut, bytesIn: edge.bytesIn, packetsOut: edge.packetsOut,
          packetsIn: edge.packetsIn, firstSeen: Timestamp(nanoseconds: edge.first),
          lastSeen: Timestamp(nanoseconds: edge.last), outcomes: edge.outcomes))
    }
    let graphNodes = used.map {
      NetworkGraph.Node(endpoint: nodes[Int($0)], marks: nodeMarks[Int($0)])
    }
    return NetworkGraph(nodes: graphNodes, edges: out, droppedFlows: droppedFlows)
  }
}
