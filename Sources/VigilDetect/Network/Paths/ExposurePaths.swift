import VigilCore
import VigilKube
import VigilNet

/// Every way from a public entry point of the cluster to a sensitive service (database, cache,
/// secret store, bucket, metadata endpoint): over OBSERVED edges of the network map (paths of at
/// most `maxHops` hops, workload to workload, each hop with its ports, connections and times),
/// and, when a NetworkPolicy model is given, the sensitive workloads the policies WOULD let the
/// entry workloads (or the workloads they were seen reaching) connect to though no flow was seen.
/// Rendered as text (`text`) and JSON (`json`); `ExposurePathAlerts` turns new observed paths
/// into alerts.
public struct ExposurePaths: Sendable, Hashable {
  /// Search limits.
  public struct Configuration: Sendable, Hashable {
    /// The most hops on a path (workload to workload).
    public var maxHops: Int
    /// The most paths kept per entry point and sensitive end (shortest, busiest first).
    public var maxPathsPerTarget: Int
    /// Whether low-sensitivity ends (declared `vigil.io/sensitivity: low`) count.
    public var includeLowSensitivity: Bool
    /// The most hops walked from one entry workload (dense maps stop there, and say so).
    public var maxStepsPerEntry: Int

    /// Creates a configuration.
    public init(
      maxHops: Int = 3, maxPathsPerTarget: Int = 3, includeLowSensitivity: Bool = false,
      maxStepsPerEntry: Int = 200_000
    ) {
      self.maxHops = max(1, maxHops)
      self.maxPathsPerTarget = max(1, maxPathsPerTarget)
      self.includeLowSensitivity = includeLowSensitivity
      self.maxStepsPerEntry = max(1, maxStepsPerEntry)
    }
  }

  /// The paths: by entry point, then kind, hop count, and end.
  public var paths: [ExposurePath]
  /// Entry points searched (not internal, with a workload behind).
  public var entryPoints: Int
  /// Entry workloads whose walk stopped at `maxStepsPerEntry` (their list may be incomplete).
  public var truncatedEntries: Int

  /// Creates a result from paths found elsewhere.
  public init(paths: [ExposurePath], entryPoints: Int, truncatedEntries: Int = 0) {
    self.paths = paths.map { (id: $0.id, path: $0) }.sorted { Self.order($0, $1) }.map(\.path)
    self.entryPoints = entryPoints
    self.truncatedEntries = truncatedEntries
  }

  /// Searches `graph` from every public entry point of `exposures` (internal load balancers
  /// excluded). `workloads` supplies sensitivity the graph's marks lack and, with `policies`,
  /// the pods and ports for policy-allowed hops; without `policies` only observed paths are
  /// listed.
  public init(
    exposures: [Exposure], graph: NetworkGraph,
    workloads: ExposurePathWorkloads = ExposurePathWorkloads(),
    policies: NetworkPolicyModel? = nil, cluster: String? = nil,
    configuration: Configuration = Configuration()
  ) {
    let search = ExposurePathSearch(
      graph: graph, workloads: workloads, policies: policies, cluster: cluster,
      configuration: configuration)
    var found: [ExposurePath] = []
    var entries = 0
    var truncated = 0
    for exposure in exposures where !exposure.isInternal && !exposure.workloads.isEmpty {
      entries += 1
      for workload in exposure.workloads {
        let (paths, complete) = search.paths(from: exposure, workload: workload)
        found += paths
        if !complete { truncated += 1 }
      }
    }
    self.init(paths: found, entryPoints: entries, truncatedEntries: truncated)
  }

  /// The paths of one kind.
  public func paths(_ kind: ExposurePath.Kind) -> [ExposurePath] {
    paths.filter { $0.kind == kind }
  }

  /// Entry point, kind, hop count, end.
  static func order(
    _ lhs: (id: String, path: ExposurePath), _ rhs: (id: String, path: ExposurePath)
  ) -> Bool {
    if lhs.path.entry.id != rhs.path.entry.id { return lhs.path.entry.id < rhs.path.entry.id }
    if lhs.path.kind != rhs.path.kind { return lhs.path.kind < rhs.path.kind }
    if lhs.path.hops.count != rhs.path.hops.count {
      return lhs.path.hops.count < rhs.path.hops.count
    }
    return lhs.id < rhs.id
  }
}
