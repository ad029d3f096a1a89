import VigilCore
import VigilNet

/// Flags flows whose ends or resolved name are on a threat feed: the destination address (an
/// outbound connection to a listed host), the source address (a listed host connecting in), and
/// the DNS name the source resolved for the destination (exact or a parent domain). One alert
/// per (workload, indicator) per window, with the count of flows.
public struct ThreatIntelDetector: NetworkDetector, Sendable {
  /// Settings.
  public struct Configuration: Sendable {
    /// Alerts about the same workload and indicator within this window are one alert.
    public var window: Duration = .seconds(300)
    /// Severity of a connection to a listed address or name.
    public var outboundSeverity: Severity = .critical
    /// Severity of a listed address connecting in.
    public var inboundSeverity: Severity = .warning
    /// Creates the default configuration.
    public init() {}
  }

  /// The rule name of its alerts.
  public static let rule = "Threat intel indicator match"
  /// Tags of address matches: application-layer C2, and the monitoring controls.
  public static let addressTags = [
    "mitre:T1071", "soc2:CC7.2", "nist:SI-4", "nist:SI-3", "cis:5.3.2", "pci:11.5",
    "iso27001:A.5.7",
  ]
  /// Tags of domain matches: the same, plus dynamic resolution.
  public static let domainTags = [
    "mitre:T1071", "mitre:T1568", "soc2:CC7.2", "nist:SI-4", "nist:SI-3", "cis:5.3.2",
    "pci:11.5", "iso27001:A.5.7",
  ]

  /// The indicators matched.
  public private(set) var indicators: IndicatorSet
  /// The configuration.
  public let configuration: Configuration
  private var aggregator: AlertAggregator
  /// Flows looked at.
  public private(set) var flowsObserved = 0
  /// Flows that matched at least one indicator.
  public private(set) var flowsMatched = 0

  /// Creates a detector over `indicators`.
  public init(indicators: IndicatorSet, configuration: Configuration = .init()) {
    self.indicators = indicators
    self.configuration = configuration
    var aggregation = AlertAggregator.Configuration()
    aggregation.window = configuration.window
    aggregator = AlertAggregator(configuration: aggregation)
  }

  /// Names looked up without a connection are matched too.
  public var observesLookups: Bool { true }

  /// Swaps in reloaded indicators (open aggregates stay).
  public mutating func replaceIndicators(_ indicators: IndicatorSet) {
    self.indicators = indicators
  }

  /// Matches one flow; returns the aggregates whose window closed.
  public mutating func observe(_ flow: AttributedFlow) -> [Alert] {
    flowsObserved += 1
    let matches = self.matches(flow)
    if !matches.isEmpty {
      flowsMatched += 1
      for (match, direction) in matches {
        let workload = direction == .outbound ? flow.source : flow.destination
        let key = DedupKey.make([
          Self.rule, workload.mapNode.id, match.indicator.feed, match.indicator.value,
          direction.rawValue,
        ])
        // A repeat within the window only counts; the alert is built once per group.
        if !aggregator.recordRepeat(key: key, at: flow.flow.start, lastSeen: flow.flow.end) {
          aggregator.add(alert(match, direction, flow))
        }
      }
    }
    return aggregator.flush(upTo: flow.flow.start)
  }

  /// Releases the aggregates whose window closed by `now`.
  public mutating func advance(to now: Timestamp) -> [Alert] {
    aggregator.flush(upTo: now)
  }

  /// Releases every open aggregate (end of input).
  public mutating func finish() -> [Alert] { aggregator.finish() }

  /// Which way the listed end was.
  public enum Direction: String, Sendable, Hashable {
    /// The workload connected to the listed address or name.
    case outbound
    /// The listed address connected to the workload.
    case inbound
  }

  /// The indicators the flow matches: destination address, resolved name, source address.
  public func matches(_ flow: AttributedFlow) -> [(IndicatorMatch, Direction)] {
    guard !indicators.isEmpty else { return [] }
    var out: [(IndicatorMatch, Direction)] = []
    let record = flow.flow
    if record.isLookup {
      // The destination is the resolver: only the name looked up counts.
      if let name = record.dnsName, let match = indicators.match(domain: name) {
        out.append((match, .outbound))
      }
      return out
    }
    if let match = indicators.match(ip: record.destinationIP) { out.append((match, .outbound)) }
    if let name = record.dnsName ?? flow.destination.dnsName,
      let match = indicators.match(domain: name),
      !out.contains(where: { $0.0.indicator == match.indicator })
    {
      out.append((match, .outbound))
    }
    if let match = indicators.match(ip: record.sourceIP) { out.append((match, .inbound)) }
    return out
  }

  private func alert(_ match: IndicatorMatch, _ direction: Direction, _ flow: AttributedFlow)
    -> Alert
  {
    let indicator = match.indicator
    let isDomain =
      indicator.kind == .domain
      || (indicator.kind == .url && indicator.host.flatMap(IPAddressValue.init) == nil)
    let workload = direction == .outbound ? flow.source : flow.destination
    let other = direction == .outbound ? flow.destination : flow.source
    let about = indicator.description.map { " (\($0))" } ?? ""
    let also =
      match.alsoListedBy.isEmpty ? "" : "; also on \(match.alsoListedBy.joined(separator: ", "))"
    let target =
      flow.flow.isLookup
      ? "looked up \(match.matched) (resolver \(other.label))"
      : "connected to \(other.label) (\(match.matched))"
    let output =
      direction == .outbound
      ? "\(workload.label) \(target) listed on feed "
        + "\(indicator.feed) as \(indicator.value)\(about)\(also)"
      : "\(other.label) listed on feed \(indicator.feed) as \(indicator.value)\(about) "
        + "connected to \(workload.label)\(also)"
    var fields = [
      AlertField(name: "intel.feed", value: indicator.feed),
      AlertField(name: "intel.indicator", value: indicator.value),
      AlertField(name: "intel.kind", value: indicator.kind.rawValue),
      AlertField(name: "intel.matched", value: match.matched),
      AlertField(name: "intel.direction", value: direction.rawValue),
      AlertField(name: "intel.workload", value: workload.label),
    ]
    if let description = indicator.description {
      fields.append(AlertField(name: "intel.description", value: description))
    }
    if !match.alsoListedBy.isEmpty {
      fields.append(
        AlertField(name: "intel.also_listed_by", value: match.alsoListedBy.joined(separator: ",")))
    }
    return FlowAlert.make(
      rule: Self.rule,
      severity: direction == .outbound
        ? configuration.outboundSeverity : configuration.inboundSeverity,
      flow: flow, output: output, tags: isDomain ? Self.domainTags : Self.addressTags,
      fields: fields,
      dedupKey: [workload.mapNode.id, indicator.feed, indicator.value, direction.rawValue])
  }
}
