import VigilCore

/// The network map as a value: the nodes (workloads, nodes, the API server, the metadata
/// endpoint, Services, external domains and addresses) and the edges between them, ready to
/// render as text, JSON or Graphviz DOT, or to answer an API request.
public struct NetworkGraph: Sendable, Hashable {
  /// One end of the map.
  public struct Node: Sendable, Hashable {
    /// `NetworkEndpoint.id`: what edges refer to.
    public var id: String
    /// The end (a map node: a workload without pod, an external end by domain or address).
    public var endpoint: NetworkEndpoint
    /// Public-entry and sensitivity marks.
    public var marks: EndpointMarks

    /// Creates a node.
    public init(endpoint: NetworkEndpoint, marks: EndpointMarks = .none) {
      self.id = endpoint.id
      self.endpoint = endpoint
      self.marks = marks
    }
  }

  /// One edge: all flows from a source to a destination on one port and protocol.
  public struct Edge: Sendable, Hashable {
    /// The source node's id.
    public var source: String
    /// The destination node's id.
    public var destination: String
    /// The destination port (0 for ICMP).
    public var port: UInt16
    /// The IANA protocol number.
    public var proto: UInt8
    /// Which way it runs.
    public var edgeClass: EdgeClass
    /// Flow records counted (connections).
    public var connections: Int
    /// Bytes source → destination.
    public var bytesOut: UInt64
    /// Bytes destination → source.
    public var bytesIn: UInt64
    /// Packets source → destination.
    public var packetsOut: UInt64
    /// Packets destination → source.
    public var packetsIn: UInt64
    /// The earliest flow start.
    public var firstSeen: Timestamp
    /// The latest flow end.
    public var lastSeen: Timestamp
    /// How the connections went.
    public var outcomes: OutcomeCounts

    /// Creates an edge.
    public init(
      source: String, destination: String, port: UInt16, proto: UInt8, edgeClass: EdgeClass,
      connections: Int = 0, bytesOut: UInt64 = 0, bytesIn: UInt64 = 0, packetsOut: UInt64 = 0,
      packetsIn: UInt64 = 0, firstSeen: Timestamp, lastSeen: Timestamp,
      outcomes: OutcomeCounts = OutcomeCounts()
    ) {
      self.source = source
      self.destination = destination
      self.port = port
      self.proto = proto
      self.edgeClass = edgeClass
      self.connections = connections
      self.bytesOut = bytesOut
      self.bytesIn = bytesIn
      self.packetsOut = packetsOut
      self.packetsIn = packetsIn
      self.firstSeen = firstSeen
      self.lastSeen = lastSeen
      self.outcomes = outcomes
    }

    /// `8080/tcp`.
    public var portText: String { "\(port)/\(NetworkGraph.protocolName(proto))" }
  }

  /// Connections by outcome.
  public struct OutcomeCounts: Sendable, Hashable {
    /// Handshake completed.
    public var established = 0
    /// Refused by the destination.
    public var refused = 0
    /// Reset after establishment.
    public var reset = 0
    /// No reply.
    public var unreplied = 0
    /// Not known from the source.
    public var unknown = 0

    /// Creates counts.
    public init(
      established: Int = 0, refused: Int = 0, reset: Int = 0, unreplied: Int = 0, unknown: Int = 0
    ) {
      self.established = established
      self.refused = refused
      self.reset = reset
      self.unreplied = unreplied
      self.unknown = unknown
    }

    /// The count of one outcome.
    public subscript(outcome: FlowRecord.Outcome) -> Int {
      get {
        switch outcome {
        case .established: established
        case .refused: refused
        case .reset: reset
        case .unreplied: unreplied
        case .unknown: unknown
        }
      }
      set {
        switch outcome {
        case .established: established = newValue
        case .refused: refused = newValue
        case .reset: reset = newValue
        case .unreplied: unreplied = newValue
        case .unknown: unknown = newValue
        }
      }
    }

    /// Adds one connection of `outcome`.
    @inline(__always)
    public mutating func count(_ outcome: FlowRecord.Outcome) {
      switch outcome {
      case .established: established &+= 1
      case .refused: refused &+= 1
      case .reset: reset &+= 1
      case .unreplied: unreplied &+= 1
      case .unknown: unknown &+= 1
      }
    }
  }

  /// The nodes, ordered by id.
  public var nodes: [Node]
  /// The edges, ordered by source, destination, port, protocol.
  public var edges: [Edge]
  /// Flows the map could not keep because it was full (see `NetworkMap.Configuration.maxEdges`).
  public var droppedFlows: Int

  /// Creates a graph; nodes and edges are put in their canonical order.
  public init(nodes: [Node], edges: [Edge], droppedFlows: Int = 0) {
    self.nodes = nodes.sorted { $0.id < $1.id }
    self.edges = edges.sorted {
      ($0.source, $0.destination, $0.port, $0.proto) < (
        $1.source, $1.destination, $1.port, $1.proto
      )
    }
    self.droppedFlows = droppedFlows
  }

  /// The node with `id`.
  public func node(_ id: String) -> Node? {
    nodes.first { $0.id == id }
  }

  /// `tcp`, `udp`, `icmp`, `icmpv6`, `sctp`, else the number.
  public static func protocolName(_ proto: UInt8) -> String {
    switch proto {
    case 6: "tcp"
    case 17: "udp"
    case 1: "icmp"
    case 58: "icmpv6"
    case 132: "sctp"
    default: String(proto)
    }
  }

  /// The number of a protocol name written by `protocolName`.
  public static func protocolNumber(_ name: String) -> UInt8? {
    switch name {
    case "tcp": 6
    case "udp": 17
    case "icmp": 1
    case "icmpv6": 58
    case "sctp": 132
    default: UInt8(name)
    }
  }
}
