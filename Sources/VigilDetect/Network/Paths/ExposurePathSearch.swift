import VigilCore
import VigilKube
import VigilNet

/// The search behind `ExposurePaths`: the graph's edges grouped by (source, destination) node,
/// walked depth-first from an entry workload without revisiting a node, passing through
/// workloads only, recording every sensitive end reached; then the policy-allowed last hops to
/// sensitive workloads no observed path reached.
struct ExposurePathSearch {
  /// All edges from one node to another, ports together.
  struct Link {
    var destination: String
    var observed: ExposurePathHop.Observed
  }

  let nodes: [String: NetworkGraph.Node]
  let links: [String: [Link]]
  /// Connections from public addresses into each node.
  let publicConnections: [String: Int]
  /// Each node's label and sensitivity, computed once.
  let labels: [String: String]
  let sensitivities: [String: EndpointMarks.Sensitivity]
  /// The sensitive workloads of the table, ordered, with their node ids (policy-allowed ends).
  let sensitiveWorkloads: [(id: String, workload: ExposurePathWorkloads.Workload)]
  let workloads: ExposurePathWorkloads
  let policies: NetworkPolicyModel?
  let cluster: String?
  let configuration: ExposurePaths.Configuration

  init(
    graph: NetworkGraph, workloads: ExposurePathWorkloads, policies: NetworkPolicyModel?,
    cluster: String?, configuration: ExposurePaths.Configuration
  ) {
    nodes = Dictionary(graph.nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var grouped: [String: [String: ExposurePathHop.Observed]] = [:]
    var inbound: [String: Int] = [:]
    for edge in graph.edges {
      let reached = edge.outcomes.established + edge.outcomes.reset + edge.outcomes.unknown
      guard reached > 0 else { continue }
      if edge.edgeClass == .ingressInternet {
        inbound[edge.destination, default: 0] += edge.connections
        continue
      }
      let port = edge.portText
      if var seen = grouped[edge.source]?[edge.destination] {
        seen.ports.append(port)
        seen.connections += edge.connections
        seen.bytesOut &+= edge.bytesOut
        seen.bytesIn &+= edge.bytesIn
        seen.firstSeen = min(seen.firstSeen, edge.firstSeen)
        seen.lastSeen = max(seen.lastSeen, edge.lastSeen)
        grouped[edge.source]?[edge.destination] = seen
      } else {
        grouped[edge.source, default: [:]][edge.destination] = ExposurePathHop.Observed(
          ports: [port], connections: edge.connections, bytesOut: edge.bytesOut,
          bytesIn: edge.bytesIn, firstSeen: edge.firstSeen, lastSeen: edge.lastSeen)
      }
    }
    links = grouped.mapValues { targets in
      targets.keys.sorted().compactMap { key in
        targets[key].map { Link(destination: key, observed: $0) }
      }
    }
    publicConnections = inbound
    self.workloads = workloads
    self.policies = policies
    self.cluster = cluster
    self.configuration = configuration
    labels = nodes.mapValues(\.endpoint.label)
    sensitiveWorkloads = workloads.workloads.values.filter {
      guard let found = $0.sensitivity else { return false }
      return found.level == .high || configuration.includeLowSensitivity
    }.sorted { $0.reference < $1.reference }.map { workload in
      let reference = workload.reference
      let id = NetworkEndpoint.workload(
        cluster: cluster, namespace: reference.namespace, kind: reference.kind,
        name: reference.name
      ).id
      return (id, workload)
    }
    sensitivities = nodes.compactMapValues {
      Self.sensitivity(of: $0, workloads: workloads, configuration: configuration)
    }
  }

  /// The map node id of a workload.
  func nodeID(_ workload: WorkloadReference) -> String {
    NetworkEndpoint.workload(
      cluster: cluster, namespace: workload.namespace, kind: workload.kind, name: workload.name
    ).id
  }

  /// How sensitive a node is (see `sensitivity(of:workloads:configuration:)`).
  @inline(__always)
  func sensitivity(of id: String) -> EndpointMarks.Sensitivity? { sensitivities[id] }

  /// How sensitive a node is: its marks, else the workload table, else the metadata endpoint;
  /// nil when not, or only low and low does not count.
  static func sensitivity(
    of node: NetworkGraph.Node, workloads: ExposurePathWorkloads,
    configuration: ExposurePaths.Configuration
  ) -> EndpointMarks.Sensitivity? {
    var found = node.marks.sensitivity
    if found == nil, let reference = ExposurePathWorkloads.reference(of: node.endpoint) {
      found = workloads.workloads[reference]?.sensitivity
    }
    if found == nil, node.endpoint.kind == .cloudMetadata {
      found = EndpointMarks.Sensitivity(
        level: .high, product: "cloud metadata",
        reason: "cloud metadata (\(node.endpoint.address ?? ""))")
    }
    guard let found, found.level == .high || configuration.includeLowSensitivity else { return nil }
    return found
  }

  /// How a node id reads.
  func label(_ id: String, workload: WorkloadReference? = nil) -> String {
    if let label = labels[id] { return label }
    if let workload {
      return NetworkEndpoint.workload(
        cluster: cluster, namespace: workload.namespace, kind: workload.kind, name: workload.name
      ).label
    }
    return id
  }

  /// Every path from one entry point through one of its workloads, and whether the walk was
  /// complete (not stopped at `maxStepsPerEntry`).
  func paths(from exposure: Exposure, workload: WorkloadReference) -> (
    paths: [ExposurePath], complete: Bool
  ) {
    let start = nodeID(workload)
    let entry = ExposurePath.Entry(
      id: exposure.id, kind: exposure.kind, ports: exposure.ports, addresses: exposure.addresses,
      publicConnections: publicConnections[start] ?? 0)
    let startLabel = label(start, workload: workload)
    func path(
      _ hops: [ExposurePathHop], _ sensitivity: EndpointMarks.Sensitivity, _ kind: ExposurePath.Kind
    )
      -> ExposurePath
    {
      ExposurePath(
        entry: entry, start: start, startLabel: startLabel, hops: hops, sensitivity: sensitivity,
        kind: kind)
    }
    var out: [ExposurePath] = []
    if let own = sensitivity(of: start)
      ?? workloads.workloads[workload]?.sensitivity.flatMap({
        $0.level == .high || configuration.includeLowSensitivity ? $0 : nil
      })
    {
      out.append(path([], own, .direct))
    }
    // Observed: depth-first, simple paths, through workloads only.
    var byTarget: [String: [[ExposurePathHop]]] = [:]
    /// The fewest observed hops to each workload node reached (for policy-allowed last hops).
    var shortest: [String: [ExposurePathHop]] = [start: []]
    var trail: [ExposurePathHop] = []
    var onTrail: Set<String> = [start]
    var steps = 0
    func walk(_ from: String) {
      guard trail.count < configuration.maxHops else { return }
      for link in links[from] ?? [] where !onTrail.contains(link.destination) {
        steps += 1
        guard steps <= configuration.maxStepsPerEntry else { return }
        let hop = ExposurePathHop(
          from: from, to: link.destination, toLabel: label(link.destination),
          evidence: .observed(link.observed))
        trail.append(hop)
        if sensitivity(of: link.destination) != nil {
          byTarget[link.destination, default: []].append(trail)
        }
        if nodes[link.destination]?.endpoint.kind == .workload {
          if (shortest[link.destination]?.count ?? .max) > trail.count {
            shortest[link.destination] = trail
          }
          onTrail.insert(link.destination)
          walk(link.destination)
          onTrail.remove(link.destination)
        }
        trail.removeLast()
      }
    }
    walk(start)
    for target in byTarget.keys.sorted() {
      guard let found = sensitivity(of: target), let all = byTarget[target] else { continue }
      let best = all.sorted {
        $0.count != $1.count
          ? $0.count < $1.count
          : ($0.compactMap(\.observed?.connections).min() ?? 0)
            > ($1.compactMap(\.observed?.connections).min() ?? 0)
      }
      for hops in best.prefix(configuration.maxPathsPerTarget) {
        out.append(path(hops, found, .observed))
      }
    }
    let complete = steps <= configuration.maxStepsPerEntry
    guard let policies else { return (out, complete) }
    // Policy-allowed: a sensitive workload no observed path reached, one hop from the entry
    // workload or from a workload it was seen reaching, on a port it serves.
    let reached = Set(byTarget.keys).union([start])
    let vias = shortest.sorted {
      $0.value.count != $1.value.count ? $0.value.count < $1.value.count : $0.key < $1.key
    }
    for (targetID, target) in sensitiveWorkloads where !reached.contains(targetID) {
      guard let found = target.sensitivity else { continue }
      for (via, prefix) in vias where prefix.count < configuration.maxHops {
        guard
          let viaNode = via == start
            ? workload
            : nodes[via].flatMap({
              ExposurePathWorkloads.reference(of: $0.endpoint)
            }),
          let hop = policyHop(from: viaNode, fromID: via, to: target, toID: targetID, policies)
        else { continue }
        out.append(path(prefix + [hop], found, .policyAllowed))
        break
      }
    }
    return (out, complete)
  }

  /// A policy-allowed hop from one workload to another on the first port the target serves that
  /// the policies allow from some pod of the source to some pod of the target.
  func policyHop(
    from source: WorkloadReference, fromID: String, to target: ExposurePathWorkloads.Workload,
    toID: String, _ policies: NetworkPolicyModel
  ) -> ExposurePathHop? {
    guard let sourcePods = workloads.workloads[source]?.pods, !sourcePods.isEmpty else {
      return nil
    }
    for port in target.ports {
      for from in sourcePods {
        for to in target.pods {
          let decision = policies.decision(
            from: .pod(from), to: .pod(to), port: port.port, proto: port.proto)
          if decision.isAllowed {
            return ExposurePathHop(
              from: fromID, to: toID, toLabel: label(toID, workload: target.reference),
              evidence: .policyAllowed(port: port.port, proto: port.proto, decision: decision))
          }
        }
      }
    }
    return nil
  }
}
