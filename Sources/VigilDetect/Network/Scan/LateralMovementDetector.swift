import VigilCore
import VigilNet

/// Lateral movement: after a learning period per workload, a workload touching many internal
/// services (workload or Service and port) it never used before within a short window (8 in
/// 10 minutes by default); and a workload reaching a kubelet, etcd, the cloud metadata endpoint
/// or the API server when it was never seen doing so before.
///
/// Baselines are per workload (its pods together), learned from every flow during the learning
/// period and extended by every new peer after it, so each new peer counts once. Only workload
/// sources are judged; exempt ones (meshes, monitoring) are skipped. Memory is bounded: workloads
/// (least recently seen evicted) and peers per workload (new ones stop being remembered).
public struct LateralMovementDetector: NetworkDetector, Sendable {
  /// Settings.
  public struct Configuration: Sendable {
    /// How long after a workload's first flow its peers are learned, not judged.
    public var learningPeriod: Duration = .seconds(3600)
    /// How long after a workload's first flow contact with a sensitive target is learned.
    public var sensitiveLearningPeriod: Duration = .seconds(3600)
    /// New peers within ``window`` that make an alert.
    public var newPeerThreshold = 8
    /// The window for new peers.
    public var window: Duration = .seconds(600)
    /// Kubelet ports.
    public var kubeletPorts: Set<UInt16> = [10250, 10255]
    /// etcd ports.
    public var etcdPorts: Set<UInt16> = [2379, 2380]
    /// Sources never judged.
    public var exemptions = ScanExemptions()
    /// Workloads tracked at most.
    public var maxWorkloads = 65_536
    /// A workload quiet this long is forgotten (and learns again).
    public var idleTimeout: Duration = .seconds(7 * 86_400)
    /// Peers remembered per workload.
    public var maxPeersPerWorkload = 4_096
    /// Peers an alert lists.
    public var listed = 20

    /// Creates the defaults.
    public init() {}
  }

  /// A peer as its map node's hash value and port: hashing two integers costs less than an
  /// endpoint (a collision, about 1 in 10¹⁹ a pair, only merges two peers).
  struct Peer: Hashable, Sendable {
    var node: Int
    var port: UInt16

    /// Node and port as one key.
    var key: UInt64 { UInt64(bitPattern: Int64(node)) ^ (UInt64(port) &* 0xff51_afd7_ed55_8ccd) }
  }

  struct Baseline: Sendable {
    var exempt: Bool
    var firstSeen: Int64
    var peers = HashedKeySet()
    var sensitive: Set<SensitiveTarget> = []
    /// Times and names of new peers after learning, oldest first, within the window.
    var recent: [(time: Int64, name: String)] = []
    var alertedAt: Int64?
  }

  /// The rule name of the new-peers alert.
  public static let rule = "Lateral movement: many new internal peers"
  /// The rule name of the sensitive-target alert.
  public static let sensitiveRule = "Lateral movement: pod reached a sensitive cluster endpoint"

  /// The settings.
  public let configuration: Configuration
  var baselines: ScanStateTable<NetworkEndpoint, Baseline>
  /// Pod-level ends → their workload's map node, so the per-flow key costs one lookup.
  var workloadOf: [NetworkEndpoint: NetworkEndpoint] = [:]
  let rules: Rules

  /// Creates a detector.
  public init(configuration: Configuration = .init()) {
    self.configuration = configuration
    baselines = ScanStateTable(
      capacity: configuration.maxWorkloads, idleTimeout: configuration.idleTimeout)
    rules = Rules(
      learning: configuration.learningPeriod.nanoseconds,
      sensitiveLearning: configuration.sensitiveLearningPeriod.nanoseconds,
      window: configuration.window.nanoseconds,
      threshold: max(1, configuration.newPeerThreshold),
      maxPeers: configuration.maxPeersPerWorkload)
  }

  /// Workloads tracked now.
  public var trackedWorkloads: Int { baselines.count }

  /// Learns or judges the flow's peer; returns the alerts it raises.
  public mutating func observe(_ flow: AttributedFlow) -> [Alert] {
    guard flow.source.kind == .workload else { return [] }
    let destination = flow.destination
    let isInternal: Bool
    switch destination.kind {
    case .workload, .service, .node, .apiServer: isInternal = true
    case .external: isInternal = destination.scope == .podCIDR || destination.scope == .serviceCIDR
    case .cloudMetadata: isInternal = false
    }
    let sensitive = SensitiveTarget.classify(
      flow, kubeletPorts: configuration.kubeletPorts, etcdPorts: configuration.etcdPorts)
    guard isInternal || sensitive != nil else { return [] }
    let workload = mapNode(flow.source)
    let peerNode = isInternal ? mapNode(destination) : nil
    let peer = peerNode.map { Peer(node: $0.hashValue, port: flow.flow.destinationPort) }
    let now = flow.flow.start.nanoseconds
    let exemptions = configuration.exemptions
    let rules = rules
    // A local function, not a closure value: passed as a non-escaping argument, no allocation.
    func make() -> Baseline { Baseline(exempt: exemptions.exempts(workload), firstSeen: now) }
    let verdict = baselines.update(workload, now: now, make: make) { baseline -> Verdict in
      guard !baseline.exempt else { return Verdict() }
      var verdict = Verdict()
      if let sensitive, baseline.sensitive.insert(sensitive).inserted,
        now &- baseline.firstSeen >= rules.sensitiveLearning
      {
        verdict.sensitive = sensitive
      }
      if let peer, let peerNode {
        verdict.newPeers = baseline.judge(peer, named: peerNode, now: now, rules: rules)
      }
      return verdict
    }
    var alerts: [Alert] = []
    if let target = verdict.sensitive { alerts.append(sensitiveAlert(target, flow: flow)) }
    if let peers = verdict.newPeers { alerts.append(newPeersAlert(peers, flow: flow)) }
    return alerts
  }

  /// What one flow raised.
  struct Verdict: Sendable {
    var sensitive: SensitiveTarget?
    var newPeers: [(time: Int64, name: String)]?
  }

  /// The settings the per-workload state needs, copied out once.
  struct Rules: Sendable {
    var learning: Int64
    var sensitiveLearning: Int64
    var window: Int64
    var threshold: Int
    var maxPeers: Int
  }

  /// The workload (map node) of a pod-level end, cached.
  mutating func mapNode(_ endpoint: NetworkEndpoint) -> NetworkEndpoint {
    if let known = workloadOf[endpoint] { return known }
    if workloadOf.count >= 262_144 { workloadOf.removeAll(keepingCapacity: true) }
    let node = endpoint.mapNode
    workloadOf[endpoint] = node
    return node
  }
}

extension LateralMovementDetector.Baseline {
  /// Learns `peer`; after learning a new one joins the window, and the window's new peers come
  /// back when they reach the threshold (once per window).
  mutating func judge(
    _ peer: LateralMovementDetector.Peer, named endpoint: NetworkEndpoint, now: Int64,
    rules: LateralMovementDetector.Rules
  ) -> [(time: Int64, name: String)]? {
    guard peers.count < rules.maxPeers, peers.insert(peer.key) else { return nil }
    guard now &- firstSeen >= rules.learning else { return nil }
    let cutoff = now &- rules.window
    recent.removeAll { $0.time < cutoff }
    recent.append((now, "\(endpoint.label):\(peer.port)"))
    guard recent.count >= rules.threshold else { return nil }
    if let alertedAt, now &- alertedAt < rules.window { return nil }
    alertedAt = now
    defer { recent = [] }
    return recent
  }
}
