import VigilCore
import VigilNet

/// Flow inputs → attribution → the network map: what `vigil graph` runs offline. Reads Vigil
/// flow JSON lines, Hubble JSON lines and VPC flow logs; a line that cannot be read is reported
/// with its file and line number and the input goes on.
public struct FlowGraphAnalysis<Resolver: EndpointResolving & Sendable>: Sendable {
  /// Limits.
  public struct Configuration: Sendable, Hashable {
    /// The attributor's limits.
    public var attributor: FlowAttributor.Configuration
    /// The map's limits.
    public var map: NetworkMap.Configuration
    /// Diagnostics kept (the rest are only counted).
    public var maxDiagnostics: Int

    /// Creates a configuration.
    public init(
      attributor: FlowAttributor.Configuration = .init(), map: NetworkMap.Configuration = .init(),
      maxDiagnostics: Int = 1_000
    ) {
      self.attributor = attributor
      self.map = map
      self.maxDiagnostics = maxDiagnostics
    }
  }

  /// Who the addresses are.
  public var resolver: Resolver
  /// Names the ends; holds flows whose pods the inventory does not know yet.
  public private(set) var attributor: FlowAttributor
  /// The map built so far.
  public private(set) var map: NetworkMap
  /// The first `maxDiagnostics` unreadable lines.
  public private(set) var diagnostics: [InputDiagnostic] = []
  /// Unreadable lines, all of them.
  public private(set) var diagnosticCount = 0
  /// Flow records read.
  public private(set) var records = 0
  /// Lines passed over (blank, headers, records without a flow).
  public private(set) var skipped = 0
  let maxDiagnostics: Int

  /// Starts an empty analysis over `resolver`.
  public init(resolver: Resolver, configuration: Configuration = Configuration()) {
    self.resolver = resolver
    attributor = FlowAttributor(configuration: configuration.attributor)
    map = NetworkMap(configuration: configuration.map)
    maxDiagnostics = configuration.maxDiagnostics
  }

  /// Reads one whole input named `file`, in `format` (detected from its first line when nil).
  public mutating func add(text: String, file: String, format: FlowInputFormat? = nil) {
    switch format ?? FlowInputFormat.detect(text) {
    case .hubble: read(text, with: HubbleFlowDecoder(file: file))
    case .vpc: read(text, with: VPCFlowLogDecoder(file: file))
    case .vigil: read(text, with: VigilFlowDecoder(file: file))
    }
  }

  /// Every line of `text` through `decoder`.
  mutating func read(_ text: String, with decoder: some FlowLineDecoder) {
    var decoder = decoder
    for line in FlowDecoding.lines(text) { take(decoder.next(line: line)) }
  }

  /// Counts one flow record (attributed now, or held until the inventory knows its ends);
  /// returns it attributed, or nil while it waits.
  @discardableResult
  public mutating func add(_ record: FlowRecord) -> AttributedFlow? {
    records += 1
    guard let attributed = attributor.attribute(record, resolver: resolver) else { return nil }
    map.add(attributed)
    return attributed
  }

  /// The inventory changed: use `resolver` from now on and retry the waiting flows (giving up
  /// those older than the horizon at `now`); returns the flows attributed now.
  @discardableResult
  public mutating func inventoryChanged(resolver: Resolver, now: Timestamp) -> [AttributedFlow] {
    self.resolver = resolver
    let late = attributor.retryPending(resolver: resolver, now: now)
    map.add(contentsOf: late)
    return late
  }

  /// Forgets edges last seen before `cutoff` (retention of a long-running map).
  public mutating func forget(lastSeenBefore cutoff: Timestamp) {
    map.forget(lastSeenBefore: cutoff)
  }

  /// The inputs are done: attributes what the inventory knows of the waiting flows, gives up the
  /// rest (as unknown pod-CIDR addresses), and returns the map.
  public mutating func finish() -> NetworkMap {
    map.add(contentsOf: attributor.drainPending(resolver: resolver))
    return map
  }

  mutating func take(_ result: FlowLineResult) {
    switch result {
    case .record(let record): add(record)
    case .skipped: skipped += 1
    case .diagnostic(let diagnostic): report(diagnostic)
    }
  }

  mutating func report(_ diagnostic: InputDiagnostic) {
    diagnosticCount += 1
    if diagnostics.count < maxDiagnostics { diagnostics.append(diagnostic) }
  }
}
