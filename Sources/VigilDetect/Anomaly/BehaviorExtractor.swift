import VigilCore
import VigilKube
import VigilNet

/// Turns audit events and attributed flows into what the baselines learn: categorical facts
/// (API call shapes, client families, source networks, peers, domains, listening ports,
/// registries, images), per-entity series amounts and interaction edges. Keeps the last images
/// it saw per workload so that an image change is reported as a rollout.
public struct BehaviorExtractor: Sendable {
  /// Images last seen per workload, to notice rollouts.
  private var workloadImages: [EntityKey: Set<String>] = [:]
  /// Caps `workloadImages`.
  private let maxWorkloads: Int

  /// An extractor remembering images for at most `maxWorkloads` workloads.
  public init(maxWorkloads: Int = 100_000) {
    self.maxWorkloads = maxWorkloads
  }

  /// What one audit event says: facts about its actor (a user or service account), series
  /// amounts, an actor → resource edge, and workload images and rollouts for workload writes.
  /// One stage of a request counts: ResponseComplete, or ResponseStarted for long-running ones
  /// (exec, attach, port-forward, proxy, watch: their stream may end hours later, or never be
  /// logged), or events without a stage.
  public mutating func observe(audit: AuditEvent, at time: Timestamp) -> BehaviorObservation {
    var result = BehaviorObservation()
    if let stage = audit.stage {
      let counted = Self.isLongRunning(audit) ? "ResponseStarted" : "ResponseComplete"
      guard stage == counted else { return result }
    }
    let actor = Self.entity(forUsername: audit.user.username)
    let resource = audit.objectRef.map(Self.resourceText) ?? "nonResource"
    let namespace = audit.objectRef?.namespace
    let shape = "\(audit.verb) \(resource) \(namespace ?? "-")"
    result.facts.append(BehaviorFact(entity: actor, category: .apiCall, value: shape, time: time))
    let family = ClientFamily(userAgent: audit.userAgent).name
    result.facts.append(
      BehaviorFact(entity: actor, category: .userAgent, value: family, time: time))
    if let ip = audit.sourceIPs.first {
      result.facts.append(
        BehaviorFact(entity: actor, category: .sourceIP, value: Self.network(of: ip), time: time))
    }
    let isWrite = Self.writeVerbs.contains(audit.verb)
    let failed = audit.responseCode == 401 || audit.responseCode == 403
    var targets = [actor]
    if let namespace { targets.append(.namespace(namespace)) }
    for entity in targets {
      result.series.append(
        SeriesObservation(entity: entity, series: .apiCalls, time: time, amount: 1))
      if isWrite {
        result.series.append(
          SeriesObservation(entity: entity, series: .writes, time: time, amount: 1))
      }
      if failed {
        result.series.append(
          SeriesObservation(entity: entity, series: .authFailures, time: time, amount: 1))
      }
    }
    result.edges.append(
      EntityEdge(
        source: actor.description, destination: "\(resource) \(namespace ?? "-")", time: time,
        entity: actor))
    if isWrite, !failed, let workload = Self.workload(of: audit) {
      observeImages(of: audit, workload: workload, at: time, into: &result)
    }
    return result
  }

  /// What one attributed flow says: the source workload's peer or external domain, its
  /// connection, failure and byte counts, the destination workload's listening port, and a
  /// source → destination edge.
  public func observe(flow attributed: AttributedFlow) -> BehaviorObservation {
    var result = BehaviorObservation()
    let flow = attributed.flow
    let time = flow.start
    let proto = Self.protoName(flow.proto)
    let destination = attributed.destination.mapNode
    let failed = flow.outcome == .refused || flow.outcome == .reset || flow.outcome == .unreplied
    if let source = Self.entity(of: attributed.source) {
      let port = "\(flow.destinationPort)/\(proto)"
      if destination.kind == .external {
        let name = flow.dnsName ?? destination.dnsName
        // An in-cluster or private address nobody could name (a pod the inventory does not know
        // yet) is no stable identity to learn: its traffic still counts in the series.
        if name != nil || destination.scope == .publicInternet {
          let domain = name ?? "ip:\(flow.destinationIP)"
          result.facts.append(
            BehaviorFact(entity: source, category: .domain, value: domain, time: time))
          result.facts.append(
            BehaviorFact(entity: source, category: .peer, value: "\(domain):\(port)", time: time))
        }
      } else {
        result.facts.append(
          BehaviorFact(
            entity: source, category: .peer, value: "\(destination.id):\(port)", time: time))
      }
      result.series.append(
        SeriesObservation(entity: source, series: .connections, time: time, amount: 1))
      if failed {
        result.series.append(
          SeriesObservation(entity: source, series: .failedConnections, time: time, amount: 1))
      }
      if let bytes = flow.bytesOut, bytes > 0 {
        result.series.append(
          SeriesObservation(entity: source, series: .bytesOut, time: time, amount: Double(bytes)))
      }
      result.edges.append(
        EntityEdge(
          source: source.description, destination: "\(destination.id):\(port)", time: time,
          entity: source))
    }
    if !failed, let target = Self.entity(of: attributed.destination) {
      // The port number alone: a DNS server answering on 53/tcp as well as 53/udp is no news.
      result.facts.append(
        BehaviorFact(
          entity: target, category: .listeningPort, value: String(flow.destinationPort),
          time: time))
    }
    return result
  }

  private mutating func observeImages(
    of audit: AuditEvent, workload: EntityKey, at time: Timestamp,
    into result: inout BehaviorObservation
  ) {
    let images = ImageReferences.find(in: audit.document.root["requestObject"])
    guard !images.isEmpty else { return }
    for text in images {
      guard let reference = try? ImageReference.parse(text).normalized else { continue }
      result.facts.append(
        BehaviorFact(entity: workload, category: .registry, value: reference.registry, time: time))
      result.facts.append(
        BehaviorFact(entity: workload, category: .image, value: reference.name, time: time))
    }
    let current = Set(images)
    if let previous = workloadImages[workload], previous != current {
      result.rollouts.append(workload)
    }
    if workloadImages[workload] == nil, workloadImages.count >= maxWorkloads {
      workloadImages.removeAll(keepingCapacity: true)
    }
    workloadImages[workload] = current
  }

  /// Streaming requests, audited when their response starts.
  static func isLongRunning(_ audit: AuditEvent) -> Bool {
    if audit.verb == "watch" { return true }
    switch audit.objectRef?.subresource {
    case "exec", "attach", "portforward", "proxy": return true
    default: return false
    }
  }

  /// The verbs that change state.
  static let writeVerbs: Set<String> = [
    "create", "update", "patch", "delete", "deletecollection",
  ]

  /// Workload kinds whose writes carry images, with the resource names the API uses.
  static let workloadResources: [String: String] = [
    "deployments": "Deployment", "statefulsets": "StatefulSet", "daemonsets": "DaemonSet",
    "replicasets": "ReplicaSet", "jobs": "Job", "cronjobs": "CronJob", "pods": "Pod",
  ]

  /// The profile an API caller is learned under: a service account or a user.
  public static func entity(forUsername username: String) -> EntityKey {
    let prefix = "system:serviceaccount:"
    if username.hasPrefix(prefix) {
      let rest = username.dropFirst(prefix.count)
      if let colon = rest.firstIndex(of: ":") {
        return .serviceAccount(
          namespace: String(rest[..<colon]), name: String(rest[rest.index(after: colon)...]))
      }
    }
    return .user(username)
  }

  /// The workload profile of a flow end, when the end is a workload.
  public static func entity(of endpoint: NetworkEndpoint) -> EntityKey? {
    guard endpoint.kind == .workload else { return nil }
    return .workload(
      namespace: endpoint.namespace, kind: endpoint.workloadKind, name: endpoint.name)
  }

  /// `resource` or `resource/subresource`.
  static func resourceText(_ reference: ObjectReference) -> String {
    let resource = reference.resource ?? "-"
    guard let subresource = reference.subresource else { return resource }
    return "\(resource)/\(subresource)"
  }

  /// The workload a write targets (pods named by their own name), or nil.
  static func workload(of audit: AuditEvent) -> EntityKey? {
    guard let reference = audit.objectRef,
      reference.subresource == nil || reference.subresource == "scale",
      let resource = reference.resource, let kind = workloadResources[resource],
      let namespace = reference.namespace
    else { return nil }
    let name =
      reference.name ?? audit.document.root["requestObject"]?["metadata"]?["name"]?.string
    guard let name else { return nil }
    return .workload(namespace: namespace, kind: kind, name: name)
  }

  /// The network a source address is learned as: private IPv4 by /16 (pod and node addresses
  /// change with every rollout; a new /16 is news), public IPv4 by /24, IPv6 by /48.
  public static func network(of address: String) -> String {
    if address.contains(":") {
      let groups = address.split(separator: ":", omittingEmptySubsequences: false).prefix(3)
      return groups.joined(separator: ":") + "::/48"
    }
    let octets = address.split(separator: ".")
    guard octets.count == 4, let first = UInt8(octets[0]), let second = UInt8(octets[1]) else {
      return address
    }
    let isPrivate =
      first == 10 || first == 127 || (first == 172 && (16...31).contains(second))
      || (first == 192 && second == 168) || (first == 100 && (64...127).contains(second))
    return isPrivate ? "\(first).\(second).0.0/16" : "\(octets[0]).\(octets[1]).\(octets[2]).0/24"
  }

  /// `tcp`, `udp`, `sctp`, `icmp` or the protocol number.
  static func protoName(_ proto: UInt8) -> String {
    switch proto {
    case 6: "tcp"
    case 17: "udp"
    case 132: "sctp"
    case 1, 58: "icmp"
    default: String(proto)
    }
  }
}
