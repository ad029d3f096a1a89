import VigilCore
import VigilKube
import VigilNet

/// Measures the exposure-path search on one core over a synthetic map: `workloads` workloads in
/// 20 namespaces, each calling `fanOut` others, one in 20 sensitive, `entries` of them behind
/// LoadBalancers, with the NetworkPolicy model on (no policies: a flat network, the most
/// policy-allowed hops). The rate is map edges searched per second (the whole search, all entry
/// points); the ceiling is a loop reading the same edges in the same run.
public enum ExposurePathBenchmark {
  /// What one run measured.
  public struct Result: Sendable, CustomStringConvertible {
    /// Edges in the map.
    public var edges: Int
    /// Entry points searched.
    public var entryPoints: Int
    /// Paths found (a check that the search did work).
    public var paths: Int
    /// Seconds for one whole search (the fastest round).
    public var searchSeconds: Double
    /// Map edges per second through the whole search.
    public var edgesPerSecond: Double
    /// Edges per second of the reading loop.
    public var ceilingEdgesPerSecond: Double
    /// A sum over the reading loop, so it is not optimized away.
    public var checksum: Int

    /// The rate as a fraction of the ceiling.
    public var ratio: Double {
      ceilingEdgesPerSecond > 0 ? edgesPerSecond / ceilingEdgesPerSecond : 0
    }

    /// `16000 edges, 50 entry points: 41.2 ms per search, 0.39 M edges/s (ceiling 80 M edges/s,
    /// 0.5 %), 310 paths`.
    public var description: String {
      let ms = (searchSeconds * 10_000).rounded() / 10
      let rate = (edgesPerSecond / 1e4).rounded() / 100
      let ceiling = (ceilingEdgesPerSecond / 1e5).rounded() / 10
      let percent = (ratio * 1000).rounded() / 10
      return "\(edges) edges, \(entryPoints) entry points: \(ms) ms per search, "
        + "\(rate) M edges/s (ceiling \(ceiling) M edges/s, \(percent) %), \(paths) paths"
    }
  }

  /// Times the search `rounds` times over one synthetic map.
  public static func run(
    workloads: Int = 2000, fanOut: Int = 8, entries: Int = 50, rounds: Int = 3
  ) -> Result {
    let (graph, exposures, table) = synthetic(
      workloads: max(2, workloads), fanOut: max(1, fanOut), entries: max(1, entries))
    let policies = NetworkPolicyModel()
    let clock = ContinuousClock()
    var best = Duration.seconds(1_000_000)
    var bestCeiling = Duration.seconds(1_000_000)
    var found = 0
    var sink = 0
    for _ in 0..<max(1, rounds) {
      let start = clock.now
      let result = ExposurePaths(
        exposures: exposures, graph: graph, workloads: table, policies: policies)
      best = min(best, clock.now - start)
      found = result.paths.count
      let ceilingStart = clock.now
      for edge in graph.edges {
        sink &+= edge.connections &+ edge.source.utf8.count &+ Int(edge.port)
      }
      bestCeiling = min(bestCeiling, clock.now - ceilingStart)
    }
    let seconds = max(
      Double(best.components.attoseconds) / 1e18 + Double(best.components.seconds), 1e-9)
    let ceilingSeconds = max(
      Double(bestCeiling.components.attoseconds) / 1e18 + Double(bestCeiling.components.seconds),
      1e-9)
    return Result(
      edges: graph.edges.count, entryPoints: exposures.count, paths: found,
      searchSeconds: seconds, edgesPerSecond: Double(graph.edges.count) / seconds,
      ceilingEdgesPerSecond: Double(graph.edges.count) / ceilingSeconds, checksum: sink)
  }

  /// The synthetic map, its entry points and the workload table.
  static func synthetic(workloads count: Int, fanOut: Int, entries: Int) -> (
    NetworkGraph, [Exposure], ExposurePathWorkloads
  ) {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }
    let time = Timestamp(nanoseconds: 1_795_953_600_000_000_000)
    let mark = EndpointMarks.Sensitivity(
      level: .high, product: "postgres", reason: "postgres (port 5432)")
    var references: [WorkloadReference] = []
    var nodes: [NetworkGraph.Node] = []
    var rows: [ExposurePathWorkloads.Workload] = []
    for index in 0..<count {
      let reference = WorkloadReference(
        kind: "Deployment", namespace: "team-\(index % 20)", name: "service-\(index)")
      let sensitive = index % 20 == 7
      references.append(reference)
      nodes.append(
        NetworkGraph.Node(
          endpoint: .workload(
            namespace: reference.namespace, kind: "Deployment", name: reference.name),
          marks: sensitive ? EndpointMarks(sensitivity: mark) : .none))
      rows.append(
        ExposurePathWorkloads.Workload(
          reference: reference,
          pods: [
            NetworkPolicyEndpoint.Pod(
              namespace: reference.namespace, name: "\(reference.name)-0",
              labels: Labels(["app": reference.name]))
          ],
          ports: [.init(sensitive ? 5432 : 8080)], sensitivity: sensitive ? mark : nil))
    }
    var edges: [NetworkGraph.Edge] = []
    for (index, node) in nodes.enumerated() {
      var targets: Set<Int> = []
      while targets.count < min(fanOut, count - 1) {
        let target = next() % count
        if target != index { targets.insert(target) }
      }
      for target in targets.sorted() {
        edges.append(
          NetworkGraph.Edge(
            source: node.id, destination: nodes[target].id,
            port: target % 20 == 7 ? 5432 : 8080, proto: 6, edgeClass: .eastWest,
            connections: 1 + next() % 100, firstSeen: time, lastSeen: time,
            outcomes: NetworkGraph.OutcomeCounts(established: 1)))
      }
    }
    let exposures = references.prefix(entries).map { reference in
      Exposure(
        id: Exposure.ID(
          source: ObjectKey(kind: "Service", namespace: reference.namespace, name: reference.name),
          entry: "service"),
        kind: .loadBalancer, ports: [Exposure.Port(port: 443)], workloads: [reference],
        firstSeen: time)
    }
    return (NetworkGraph(nodes: nodes, edges: edges), exposures, ExposurePathWorkloads(rows))
  }
}
