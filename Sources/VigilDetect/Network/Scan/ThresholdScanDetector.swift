import VigilCore
import VigilNet

/// Slow scans, the way Zeek's scan policy counts them: per source and window (5 minutes), the
/// distinct ports that failed on one host (15) and the distinct hosts that failed on one port
/// (25). Thresholds for in-cluster sources (pods, Services) are set separately from those for
/// sources outside the cluster. Nodes (kubelet probes), the API server and allow-listed
/// namespaces and workloads (meshes, monitoring) are exempt. One alert per source per window.
public struct ThresholdScanDetector: NetworkDetector, Sendable {
  /// Settings.
  public struct Configuration: Sendable {
    /// Distinct failed ports on one host that make a port scan (sources outside the cluster).
    public var portThreshold = 15
    /// Distinct failed hosts on one port that make a host sweep (sources outside the cluster).
    public var hostThreshold = 25
    /// The port threshold for in-cluster sources.
    public var inClusterPortThreshold = 15
    /// The host threshold for in-cluster sources.
    public var inClusterHostThreshold = 25
    /// The counting window (a fixed window opened by a source's first failure).
    public var window: Duration = .seconds(300)
    /// IP protocols counted.
    public var protocols: Set<UInt8> = [6]
    /// Sources that are never scanners.
    public var exemptions = ScanExemptions()
    /// Sources tracked at most.
    public var maxSources = 65_536
    /// Distinct (host, port) failures kept per source and window.
    public var maxPairsPerSource = 8_192
    /// Targets and ports an alert lists.
    public var listed = 20

    /// Creates the defaults.
    public init() {}
  }

  /// What crossed a threshold.
  public enum Finding: String, Sendable, Hashable {
    /// Many ports failed on one host.
    case portScan = "port-scan"
    /// One port failed on many hosts.
    case hostSweep = "host-sweep"
  }

  struct Pair: Hashable, Sendable {
    var address: String
    var port: UInt16
  }

  struct Counts: Sendable {
    var endpoint: NetworkEndpoint
    var exempt: Bool
    var windowStart: Int64
    var pairs: Set<Pair> = []
    var portsByHost: [String: Int] = [:]
    var hostsByPort: [UInt16: Int] = [:]
    var failures = 0
    var alerted = false
    var listing = ScanListing()
  }

  /// The rule name of its alerts.
  public static let rule = "Slow port scan or host sweep (threshold)"

  /// The settings.
  public let configuration: Configuration
  var sources: ScanStateTable<String, Counts>
  let windowNanoseconds: Int64

  /// Creates a detector.
  public init(configuration: Configuration = .init()) {
    self.configuration = configuration
    sources = ScanStateTable(capacity: configuration.maxSources, idleTimeout: configuration.window)
    windowNanoseconds = configuration.window.nanoseconds
  }

  /// Sources tracked now.
  public var trackedSources: Int { sources.count }

  /// Counts a failed connection; returns the alert when its source crosses a threshold.
  public mutating func observe(_ flow: AttributedFlow) -> [Alert] {
    let record = flow.flow
    switch record.outcome {
    case .refused, .reset, .unreplied: break
    case .established, .unknown: return []
    }
    guard configuration.protocols.contains(record.proto) else { return [] }
    let now = record.start.nanoseconds
    let exemptions = configuration.exemptions
    let window = windowNanoseconds
    let inCluster = flow.source.isInCluster
    let limits = Limits(
      ports: inCluster ? configuration.inClusterPortThreshold : configuration.portThreshold,
      hosts: inCluster ? configuration.inClusterHostThreshold : configuration.hostThreshold,
      pairs: configuration.maxPairsPerSource)
    // A local function, not a closure value: passed as a non-escaping argument, no allocation.
    func make() -> Counts {
      Counts(endpoint: flow.source, exempt: exemptions.exempts(flow.source), windowStart: now)
    }
    let crossed = sources.update(record.sourceIP, now: now, make: make) { counts -> Crossing? in
      if counts.endpoint != flow.source || now &- counts.windowStart >= window {
        counts = make()
      }
      guard !counts.exempt else { return nil }
      return counts.count(flow, limits: limits)
    }
    guard let crossed else { return [] }
    return [makeAlert(crossed, flow: flow)]
  }

  /// The thresholds for one source.
  struct Limits: Sendable {
    var ports: Int
    var hosts: Int
    var pairs: Int
  }

  /// What an alert reports of a source that crossed a threshold.
  struct Crossing: Sendable {
    var finding: Finding
    var ports: Int
    var hosts: Int
    var failures: Int
    var listing: ScanListing
  }
}

extension ThresholdScanDetector.Counts {
  /// One failure counted; the crossing when it is the source's first in this window.
  mutating func count(_ flow: AttributedFlow, limits: ThresholdScanDetector.Limits)
    -> ThresholdScanDetector.Crossing?
  {
    let record = flow.flow
    failures += 1
    let pair = ThresholdScanDetector.Pair(
      address: record.destinationIP, port: record.destinationPort)
    guard pairs.count < limits.pairs, pairs.insert(pair).inserted else { return nil }
    listing.record(flow, limit: limits.pairs)
    let ports = portsByHost[pair.address, default: 0] + 1
    portsByHost[pair.address] = ports
    let hosts = hostsByPort[pair.port, default: 0] + 1
    hostsByPort[pair.port] = hosts
    guard !alerted else { return nil }
    let finding: ThresholdScanDetector.Finding
    if ports >= limits.ports {
      finding = .portScan
    } else if hosts >= limits.hosts {
      finding = .hostSweep
    } else {
      return nil
    }
    alerted = true
    return .init(finding: finding, ports: ports, hosts: hosts, failures: failures, listing: listing)
  }
}
