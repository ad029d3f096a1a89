import VigilCore

/// The aggregator: attributed flows folded into edges (source workload) → (destination workload,
/// external domain or external address) : port/proto, with connection counts, bytes and packets
/// each way, first and last seen, the outcome mix, the edge class and the ends' marks.
///
/// Bounded: at most `Configuration.maxEdges` edges. Past that, flows on existing edges are still
/// counted, and flows that would open a new edge are dropped and counted in `droppedFlows` (the
/// live server exports it as a metric; `forget(lastSeenBefore:)` makes room again).
/// Per flow, the work is two lookups of the ends (by their precomputed hashes) and one of the
/// edge key (four integers); no strings are built.
public struct NetworkMap: Sendable {
  /// Limits.
  public struct Configuration: Sendable, Hashable {
    /// The most edges kept.
    public var maxEdges: Int

    /// Creates a configuration.
    public init(maxEdges: Int = 200_000) { self.maxEdges = max(1, maxEdges) }
  }

  struct EdgeKey: Hashable {
    var source: Int32
    var destination: Int32
    var port: UInt16
    var proto: UInt8
  }

  struct EdgeStats {
    var key: EdgeKey
    var edgeClass: EdgeClass
    var connections = 0
    var bytesOut: UInt64 = 0
    var bytesIn: UInt64 = 0
    var packetsOut: UInt64 = 0
    var packetsIn: UInt64 = 0
    var first: Int64
    var last: Int64
    var outcomes = NetworkGraph.OutcomeCounts()
  }

  /// The limits.
  public let configuration: Configuration
  /// Map nodes and their marks.
  var nodes: [NetworkEndpoint] = []
  var nodeMarks: [EndpointMarks] = []
  var nodeIndex: [NetworkEndpoint: Int32] = [:]
  /// Attributed ends already seen → their map node and the marks last merged for them.
  var endpointNodes: [NetworkEndpoint: (node: Int32, marks: EndpointMarks)] = [:]
  var edgeIndex: [EdgeKey: Int32] = [:]
  var edges: [EdgeStats] = []

  /// Flow records counted into edges.
  public private(set) var flowCount = 0
  /// Flows dropped because the map was full.
  public private(set) var droppedFlows = 0

  /// Creates an empty map.
  public init(configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  /// Edges kept.
  public var edgeCount: Int { edges.count }
  /// Nodes kept.
  public var nodeCount: Int { nodes.count }

  /// Counts one attributed flow into its edge.
  public mutating func add(_ attributed: AttributedFlow) {
    // A DNS lookup record names what was resolved; it is no connection and no edge.
    guard !attributed.flow.isLookup else { return }
    guard let source = node(for: attributed.source, marks: attributed.sourceMarks),
      let destination = node(for: attributed.destination, marks: attributed.destinationMarks)
    else {
      droppedFlows &+= 1
      return
    }
    let flow = attributed.flow
    let key = EdgeKey(
      source: source, destination: destination, port: flow.destinationPort, proto: flow.proto)
    let index: Int
    if let existing = edgeIndex[key] {
      index = Int(existing)
    } else {
      guard edges.count < configuration.maxEdges else {
        droppedFlows &+= 1
        return
      }
      index = edges.count
      edgeIndex[key] = Int32(index)
      edges.append(
        EdgeStats(
          key: key,
          edgeClass: EdgeClass.of(nodes[Int(source)], nodes[Int(destination)]),
          first: flow.start.nanoseconds, last: flow.end.nanoseconds))
    }
    edges.withUnsafeMutableBufferPointer { all in
      all[index].connections &+= 1
      all[index].bytesOut &+= flow.bytesOut ?? 0
      all[index].bytesIn &+= flow.bytesIn ?? 0
      all[index].packetsOut &+= flow.packetsOut ?? 0
      all[index].packetsIn &+= flow.packetsIn ?? 0
      all[index].first = min(all[index].first, flow.start.nanoseconds)
      all[index].last = max(all[index].last, flow.end.nanoseconds)
      all[index].outcomes.count(flow.outcome)
    }
    flowCount &+= 1
  }

  /// Counts several attributed flows.
  public mutating func add(contentsOf flows: some Sequence<AttributedFlow>) {
    for flow in flows { add(flow) }
  }

  /// The map node index of an attributed end, made on first sight; nil when the node table is
  /// full (twice `maxEdges`).
  @inline(__always)
  mutating func node(for endpoint: NetworkEndpoint, marks: EndpointMarks) -> Int32? {
    if let seen = endpointNodes[endpoint] {
      if seen.marks != marks { merge(marks, into: seen.node, for: endpoint) }
      return seen.node
    }
    let mapNode = endpoint.mapNode
    let index: Int32
    if let existing = nodeIndex[mapNode] {
      index = existing
      nodeMarks[Int(existing)] = nodeMarks[Int(existing)].merged(with: marks)
    } else {
      guard nodes.count < configuration.maxEdges * 2 else { return nil }
      index = Int32(nodes.count)
      nodes.append(mapNode)
      nodeMarks.append(marks)
      nodeIndex[mapNode] = index
    }
    if endpointNodes.count >= configuration.maxEdges * 4 {
      endpointNodes.removeAll(keepingCapacity: true)
    }
    endpointNodes[endpoint] = (index, marks)
    return index
  }

  mutating func merge(_ marks: EndpointMarks, into node: Int32, for endpoint: NetworkEndpoint) {
    nodeMarks[Int(node)] = nodeMarks[Int(node)].merged(with: marks)
    endpointNodes[endpoint] = (node, marks)
  }

  /// Drops edges last seen before `cutoff` (and nodes no edge uses any more).
  public mutating func forget(lastSeenBefore cutoff: Timestamp) {
    let kept = edges.filter { $0.last >= cutoff.nanoseconds }
    guard kept.count != edges.count else { return }
    let oldNodes = nodes
    let oldMarks = nodeMarks
    nodes = []
    nodeMarks = []
    nodeIndex = [:]
    endpointNodes = [:]
    edgeIndex = [:]
    edges = []
    func renumber(_ old: Int32) -> Int32 {
      let endpoint = oldNodes[Int(old)]
      if let index = nodeIndex[endpoint] { return index }
      let index = Int32(nodes.count)
      nodes.append(endpoint)
      nodeMarks.append(oldMarks[Int(old)])
      nodeIndex[endpoint] = index
      return index
    }
    for var edge in kept {
      edge.key.source = renumber(edge.key.source)
      edge.key.destination = renumber(edge.key.destination)
      edgeIndex[edge.key] = Int32(edges.count)
      edges.append(edge)
    }
  }
}
