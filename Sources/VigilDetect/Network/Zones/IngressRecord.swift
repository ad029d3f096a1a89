import VigilCore
import VigilNet

/// Connections from the internet to one declared entry point (a workload or Service behind a
/// LoadBalancer, NodePort, Ingress …) on one port: recorded, not alerted.
public struct IngressRecord: Sendable, Hashable {
  /// The end reached (its map node: a workload without its pod).
  public var destination: NetworkEndpoint
  /// The destination port.
  public var port: UInt16
  /// IANA protocol number.
  public var proto: UInt8
  /// Connections seen.
  public var connections: Int
  /// Of them, established.
  public var established: Int
  /// Bytes from the internet (where counted).
  public var bytesIn: UInt64
  /// Bytes back to the internet (where counted).
  public var bytesOut: UInt64
  /// First connection's start.
  public var firstSeen: Timestamp
  /// Last connection's end.
  public var lastSeen: Timestamp
  /// Distinct public source addresses, the first ``IngressRecord/maxSources`` of them.
  public var sources: [String]
  /// Whether more distinct sources came than `sources` keeps.
  public var sourcesTruncated: Bool

  /// Sources kept per record.
  public static let maxSources = 32

  init(_ flow: AttributedFlow, destination: NetworkEndpoint) {
    let record = flow.flow
    self.destination = destination
    port = record.destinationPort
    proto = record.proto
    connections = 0
    established = 0
    bytesIn = 0
    bytesOut = 0
    firstSeen = record.start
    lastSeen = record.end
    sources = []
    sourcesTruncated = false
    add(flow)
  }

  mutating func add(_ flow: AttributedFlow) {
    let record = flow.flow
    connections &+= 1
    if record.outcome == .established { established &+= 1 }
    bytesIn &+= record.bytesOut ?? 0
    bytesOut &+= record.bytesIn ?? 0
    if record.start < firstSeen { firstSeen = record.start }
    if record.end > lastSeen { lastSeen = record.end }
    if !sources.contains(record.sourceIP) {
      if sources.count < Self.maxSources {
        sources.append(record.sourceIP)
      } else {
        sourcesTruncated = true
      }
    }
  }
}
