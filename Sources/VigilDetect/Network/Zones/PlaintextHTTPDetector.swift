import VigilCore
import VigilNet

/// Flags workloads talking plaintext HTTP to public addresses: connections to an HTTP port
/// (80 by default) of a public end, or, where the agent captured the first payload bytes, any
/// connection to a public end that opens with an HTTP request line. Named by the host the
/// workload resolved (the flow's DNS name), else the request's `Host`, else the address.
/// One alert per (workload, host) per window, with counts.
public struct PlaintextHTTPDetector: NetworkDetector, Sendable {
  /// Settings.
  public struct Configuration: Sendable {
    /// Destination ports taken as plaintext HTTP.
    public var ports: Set<UInt16> = [80]
    /// Hosts allowed over plain HTTP (a name matches itself and its subdomains).
    public var allowedHosts: [String] = []
    /// Whether node (host-network) sources count as well as workloads.
    public var includesNodes = false
    /// How long one alert aggregates a (workload, host) pair.
    public var window: Duration = .seconds(300)
    /// Most pairs aggregating at once.
    public var maxOpenGroups = 10_000
    /// Creates the defaults.
    public init() {}
  }

  /// The rule name.
  public static let rule = "Plaintext HTTP to a public endpoint"
  /// ATT&CK technique and controls (transmission confidentiality).
  public static let tags = [
    "network", "http", "mitre:T1071.001", "soc2:CC6.7", "nist:SC-8", "cis:5.3.2", "pci:4.2.1",
    "iso27001:A.8.24",
  ]

  /// The settings in force.
  public let configuration: Configuration
  var windows: FlowWindows<Pair>
  /// Flows observed.
  public private(set) var flowsSeen = 0
  /// Flows found to carry plaintext HTTP to a public end.
  public private(set) var plaintextFlows = 0

  /// A workload and the host it spoke HTTP to.
  struct Pair: Hashable, Sendable {
    var source: NetworkEndpoint
    var host: String
  }

  /// Creates a detector.
  public init(configuration: Configuration = .init()) {
    self.configuration = configuration
    windows = FlowWindows(window: configuration.window, maxOpen: configuration.maxOpenGroups)
  }

  /// Looks at a flow (no payload); returns the alerts whose windows closed.
  public mutating func observe(_ flow: AttributedFlow) -> [Alert] {
    flowsSeen &+= 1
    var released: [FlowWindows<Pair>.Released] = []
    if isPublicEgress(flow), configuration.ports.contains(flow.flow.destinationPort),
      carriedData(flow.flow.outcome)
    {
      released = flag(flow, request: nil)
    }
    released += windows.release(upTo: flow.flow.end)
    return released.isEmpty ? [] : released.map(alert)
  }

  /// Looks at a flow and the first bytes its source sent: an HTTP request line to a public end
  /// is plaintext HTTP on any port.
  public mutating func observe(_ flow: AttributedFlow, firstBytes: some Collection<UInt8>)
    -> [Alert]
  {
    guard let request = HTTPRequestLine(firstBytes: firstBytes), isPublicEgress(flow) else {
      return observe(flow)
    }
    flowsSeen &+= 1
    var released = flag(flow, request: request)
    released += windows.release(upTo: flow.flow.end)
    return released.map(alert)
  }

  /// Releases the windows closed by `now`.
  public mutating func advance(to now: Timestamp) -> [Alert] {
    windows.release(upTo: now).map(alert)
  }

  /// Releases every window (end of input).
  public mutating func finish() -> [Alert] { windows.releaseAll().map(alert) }

  /// The host a flow's HTTP went to: the resolved name, the request's `Host`, the address.
  static func host(of flow: AttributedFlow, request: HTTPRequestLine?) -> String {
    if let name = flow.flow.dnsName ?? flow.destination.dnsName { return name }
    if let host = request?.host { return host }
    return flow.flow.destinationIP
  }

  mutating func flag(_ flow: AttributedFlow, request: HTTPRequestLine?)
    -> [FlowWindows<Pair>.Released]
  {
    let host = Self.host(of: flow, request: request)
    guard !isAllowed(host) else { return [] }
    plaintextFlows &+= 1
    let detail = request.map { "request line \($0.method) \($0.target) \($0.version ?? "")" }
    return windows.add(Pair(source: flow.source.mapNode, host: host), flow, detail: detail)
  }

  @inline(__always)
  func isPublicEgress(_ flow: AttributedFlow) -> Bool {
    let destination = flow.destination
    guard destination.kind == .external, destination.scope == .publicInternet else {
      return false
    }
    let kind = flow.source.kind
    return kind == .workload || (configuration.includesNodes && kind == .node)
  }

  /// Refused and unanswered connections sent no request.
  @inline(__always)
  func carriedData(_ outcome: FlowRecord.Outcome) -> Bool {
    outcome != .refused && outcome != .unreplied
  }

  func isAllowed(_ host: String) -> Bool {
    guard !configuration.allowedHosts.isEmpty else { return false }
    let name = host.lowercased()
    return configuration.allowedHosts.contains { allowed in
      let allowed = allowed.lowercased()
      return name == allowed || name.hasSuffix("." + allowed)
    }
  }
}
