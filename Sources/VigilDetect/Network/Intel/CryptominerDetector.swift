import VigilCore
import VigilNet

/// Flags workloads mining cryptocurrency: connections to (or names resolved for) mining-pool
/// domains, connections to the usual stratum ports on public addresses, and the stratum protocol
/// in a connection's first bytes where the payload is visible (``observe(_:firstBytes:)``).
/// One alert per workload per window, with the count of flows.
public struct CryptominerDetector: NetworkDetector, Sendable {
  /// Settings.
  public struct Configuration: Sendable {
    /// Pool domains (each matches its subdomains).
    public var pools: IndicatorSet = MinerPools.defaultIndicators
    /// Ports miners talk stratum on.
    public var stratumPorts: Set<UInt16> = [3333, 4444, 5555, 7777, 14444, 45700]
    /// Alerts about the same workload within this window are one alert.
    public var window: Duration = .seconds(300)
    /// Creates the default configuration.
    public init() {}
  }

  /// What gave the miner away.
  public enum Evidence: String, Sendable, Hashable, CaseIterable {
    /// The flow went to a name on the pool list.
    case poolDomain = "pool-domain"
    /// The client spoke stratum.
    case stratumProtocol = "stratum-protocol"
    /// A stratum port on a public address.
    case stratumPort = "stratum-port"
  }

  /// The rule name of its alerts.
  public static let rule = "Cryptocurrency mining pool connection"
  /// Tags: resource hijacking, and the monitoring controls.
  public static let tags = [
    "mitre:T1496", "soc2:CC7.2", "nist:SI-4", "nist:SI-3", "cis:5.3.2", "pci:11.5",
    "iso27001:A.8.16",
  ]

  /// The configuration.
  public let configuration: Configuration
  private var aggregator: AlertAggregator

  /// Creates a detector.
  public init(configuration: Configuration = .init()) {
    self.configuration = configuration
    var aggregation = AlertAggregator.Configuration()
    aggregation.window = configuration.window
    aggregator = AlertAggregator(configuration: aggregation)
  }

  /// Looks at one flow; returns the aggregates whose window closed.
  public mutating func observe(_ flow: AttributedFlow) -> [Alert] {
    observe(flow, firstBytes: nil)
  }

  /// Looks at one flow with the first bytes its source sent, when the agent captured them.
  public mutating func observe(_ flow: AttributedFlow, firstBytes: [UInt8]?) -> [Alert] {
    let reasons = evidence(flow, firstBytes: firstBytes)
    if !reasons.isEmpty { aggregator.add(alert(flow, reasons)) }
    return aggregator.flush(upTo: flow.flow.start)
  }

  /// Names looked up without a connection are matched too.
  public var observesLookups: Bool { true }

  /// Releases the aggregates whose window closed by `now`.
  public mutating func advance(to now: Timestamp) -> [Alert] { aggregator.flush(upTo: now) }

  /// Releases every open aggregate (end of input).
  public mutating func finish() -> [Alert] { aggregator.finish() }

  /// What in `flow` points at mining, strongest first (empty: nothing).
  public func evidence(_ flow: AttributedFlow, firstBytes: [UInt8]? = nil) -> [Evidence] {
    var out: [Evidence] = []
    let record = flow.flow
    if let name = record.dnsName ?? flow.destination.dnsName,
      configuration.pools.match(domain: name) != nil
    {
      out.append(.poolDomain)
    }
    if let firstBytes, Stratum.looksLikeStratum(firstBytes: firstBytes) {
      out.append(.stratumProtocol)
    }
    if record.proto == 6, configuration.stratumPorts.contains(record.destinationPort),
      flow.destination.kind == .external, flow.destination.scope == .publicInternet
    {
      out.append(.stratumPort)
    }
    return out
  }

  private func alert(_ flow: AttributedFlow, _ reasons: [Evidence]) -> Alert {
    let record = flow.flow
    let pool = record.dnsName ?? flow.destination.dnsName ?? record.destinationIP
    // A port alone is a hint (other software uses 4444, 5555, 7777); a pool name or the
    // protocol itself is near certain.
    let severity: Severity = reasons == [.stratumPort] ? .warning : .critical
    let why = reasons.map(\.rawValue).joined(separator: ", ")
    let output =
      record.isLookup
      ? "\(flow.source.label) looked up mining pool \(pool) (resolver \(record.destinationIP), \(why))"
      : "\(flow.source.label) connected to mining pool \(pool) "
        + "(\(record.destinationIP):\(record.destinationPort), \(why))"
    let fields = [
      AlertField(name: "miner.pool", value: pool),
      AlertField(name: "miner.evidence", value: why),
      AlertField(name: "miner.port", value: String(record.destinationPort)),
    ]
    return FlowAlert.make(
      rule: Self.rule, severity: severity, flow: flow, output: output, tags: Self.tags,
      fields: fields, dedupKey: [flow.source.mapNode.id, severity.falcoName])
  }
}
