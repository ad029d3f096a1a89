/// A flow with both ends named: the record as read, and what its source and destination were at
/// the flow's start.
public struct AttributedFlow: Sendable, Hashable {
  /// The flow as read.
  public var flow: FlowRecord
  /// Who opened it.
  public var source: NetworkEndpoint
  /// Who it went to (an external end carries the DNS name from the flow).
  public var destination: NetworkEndpoint
  /// The source's marks.
  public var sourceMarks: EndpointMarks
  /// The destination's marks.
  public var destinationMarks: EndpointMarks
  /// The flow waited for the inventory (resolved on a retry or given up).
  public var wasPending: Bool

  /// Creates an attributed flow.
  public init(
    flow: FlowRecord, source: NetworkEndpoint, destination: NetworkEndpoint,
    sourceMarks: EndpointMarks = .none, destinationMarks: EndpointMarks = .none,
    wasPending: Bool = false
  ) {
    self.flow = flow
    self.source = source
    self.destination = destination
    self.sourceMarks = sourceMarks
    self.destinationMarks = destinationMarks
    self.wasPending = wasPending
  }
}
