import VigilCore
import VigilJSON

/// Every entry point into the cluster from outside it — LoadBalancers, NodePorts, external IPs,
/// Ingress rules, Gateway listeners, hostPort and hostNetwork pods — kept current from the
/// Services, Ingresses, Gateways, routes and Pods it is given, and the changes each object makes.
///
/// Pure state, no I/O: the caller feeds objects (from a watch, a list, a file) with their time.
public struct ExposureInventory: Sendable {
  /// How Services and pods resolve to workloads and containers.
  public var resolver: ExposureResolver
  /// How sensitive services are recognized.
  public var classifier: SensitivityClassifier

  var services: [ObjectKey: ExposureServiceRecord] = [:]
  /// Service keys by namespace, so a pod is matched against its own namespace's Services only.
  var servicesByNamespace: [String: Set<ObjectKey>] = [:]
  var ingresses: [ObjectKey: ExposureIngressRecord] = [:]
  var gateways: [ObjectKey: ExposureGatewayRecord] = [:]
  var routes: [ObjectKey: ExposureRouteRecord] = [:]
  /// Pods by namespace, then name, so selector matching looks at one namespace only.
  var pods: [String: [String: ExposurePodRecord]] = [:]
  /// Pod names by namespace, then `label=value`, for selectors.
  var podLabels: [String: [String: Set<String>]] = [:]
  var exposures: [ObjectKey: [Exposure]] = [:]

  /// The route kinds of the Gateway API whose `parentRefs` attach to Gateways.
  static let routeKinds: Set<String> = [
    "HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute",
  ]

  /// Creates an empty inventory.
  public init(
    resolver: ExposureResolver = ExposureResolver(),
    classifier: SensitivityClassifier = SensitivityClassifier()
  ) {
    self.resolver = resolver
    self.classifier = classifier
  }

  /// Records an object as the API server returned it (added or modified) and returns what that
  /// changed. Kinds other than Service, Ingress, Gateway, the route kinds and Pod change nothing;
  /// a `…List` applies each of its `items` (which the API server sends without a `kind`).
  public mutating func apply(_ object: JSONValue, at time: Timestamp) throws(ExposureDecodeError)
    -> [ExposureChange]
  {
    if let kind = object["kind"]?.string, kind.hasSuffix("List"), let items = object["items"] {
      var out: [ExposureChange] = []
      for item in items.elements {
        out += try apply(item, defaultKind: String(kind.dropLast(4)), at: time)
      }
      return out
    }
    return try apply(object, defaultKind: nil, at: time)
  }

  /// Applies one object, of `defaultKind` when it names no kind itself.
  mutating func apply(_ object: JSONValue, defaultKind: String?, at time: Timestamp)
    throws(ExposureDecodeError) -> [ExposureChange]
  {
    let meta = try ExposureObjectMeta(object, defaultKind: defaultKind)
    let key = meta.key
    let before = dependents(of: key)
    var existed = true
    var serviceTypes: (old: String, new: String)?
    switch key.kind {
    case "Service":
      let record = ExposureServiceRecord(object, meta: meta)
      let previous = services.updateValue(record, forKey: key)
      servicesByNamespace[key.namespace, default: []].insert(key)
      existed = previous != nil
      serviceTypes = previous.map { ($0.type, record.type) }
    case "Ingress":
      existed = ingresses.updateValue(ExposureIngressRecord(object, meta: meta), forKey: key) != nil
    case "Gateway":
      existed = gateways.updateValue(ExposureGatewayRecord(object, meta: meta), forKey: key) != nil
    case "Pod":
      let record = ExposurePodRecord(object, meta: meta)
      let previous = pods[key.namespace, default: [:]].updateValue(record, forKey: key.name)
      indexLabels(of: key, old: previous?.meta.labels ?? [:], new: meta.labels)
      existed = previous != nil
      if let previous, previous.looksTheSameToServices(as: record) {
        // Status-only updates (the usual case) cannot change what a Service in front fronts.
        return refresh(
          key, existed: true, exists: true, serviceTypes: nil, also: [], only: true, at: time)
      }
    case let kind where Self.routeKinds.contains(kind):
      routes[key] = ExposureRouteRecord(object, meta: meta)
    default:
      return []
    }
    return refresh(
      key, existed: existed, exists: true, serviceTypes: serviceTypes, also: before, at: time)
  }

  /// Parses JSON text and applies it (see `apply(_:at:)`).
  public mutating func apply(json text: String, at time: Timestamp) throws(ExposureDecodeError)
    -> [ExposureChange]
  {
    let document: JSONDocument
    do { document = try JSONDocument(parsing: text) } catch {
      throw ExposureDecodeError(.malformedJSON(error.description))
    }
    return try apply(document.root, at: time)
  }

  /// Forgets a deleted object and returns the entry points that went with it (and any that
  /// narrowed because a Service or route behind them went away).
  public mutating func delete(_ key: ObjectKey, at time: Timestamp) -> [ExposureChange] {
    let before = dependents(of: key)
    let existed: Bool
    switch key.kind {
    case "Service":
      existed = services.removeValue(forKey: key) != nil
      servicesByNamespace[key.namespace]?.remove(key)
    case "Ingress": existed = ingresses.removeValue(forKey: key) != nil
    case "Gateway": existed = gateways.removeValue(forKey: key) != nil
    case "Pod":
      let previous = pods[key.namespace]?.removeValue(forKey: key.name)
      indexLabels(of: key, old: previous?.meta.labels ?? [:], new: [:])
      existed = previous != nil
    case let kind where Self.routeKinds.contains(kind):
      existed = routes.removeValue(forKey: key) != nil
    default: return []
    }
    guard existed else { return [] }
    return refresh(key, existed: true, exists: false, serviceTypes: nil, also: before, at: time)
  }

  /// Every entry point, ordered by object and entry.
  public func list() -> [Exposure] {
    exposures.values.flatMap { $0 }.sorted { $0.id < $1.id }
  }

  /// The entry points one object creates, ordered by entry.
  public func exposures(of key: ObjectKey) -> [Exposure] { exposures[key] ?? [] }

  /// Rebuilds the entry points of `key` and, unless `only`, of every object that depends on it
  /// (before and after the change), and returns the differences.
  mutating func refresh(
    _ key: ObjectKey, existed: Bool, exists: Bool, serviceTypes: (old: String, new: String)?,
    also before: Set<ObjectKey>, only: Bool = false, at time: Timestamp
  ) -> [ExposureChange] {
    var out = rebuild(key, existed: existed, exists: exists, serviceTypes: serviceTypes, at: time)
    if only { return out }
    for dependent in before.union(dependents(of: key)).subtracting([key]).sorted() {
      let present = exposureSourceExists(dependent)
      out += rebuild(dependent, existed: present, exists: present, serviceTypes: nil, at: time)
    }
    return out
  }

  /// Rebuilds one object's entry points, keeping each one's `firstSeen`.
  mutating func rebuild(
    _ key: ObjectKey, existed: Bool, exists: Bool, serviceTypes: (old: String, new: String)?,
    at time: Timestamp
  ) -> [ExposureChange] {
    let old = exposures[key] ?? []
    var new = exists ? build(key, at: time).sorted { $0.id < $1.id } : []
    for index in new.indices {
      if let seen = old.first(where: { $0.id == new[index].id })?.firstSeen {
        new[index].firstSeen = seen
      }
    }
    exposures[key] = new.isEmpty ? nil : new
    let diff = ExposureDiff(
      source: key, old: old, new: new, existed: existed, exists: exists,
      serviceTypes: serviceTypes, time: time)
    return diff.changes()
  }

  /// Moves a pod in the label index from its old labels to its new ones.
  mutating func indexLabels(of pod: ObjectKey, old: [String: String], new: [String: String]) {
    guard old != new else { return }
    for (label, value) in old where new[label] != value {
      podLabels[pod.namespace]?["\(label)=\(value)"]?.remove(pod.name)
    }
    for (label, value) in new where old[label] != value {
      podLabels[pod.namespace, default: [:]]["\(label)=\(value)", default: []].insert(pod.name)
    }
  }

  /// Whether the object behind `key` is still recorded.
  func exposureSourceExists(_ key: ObjectKey) -> Bool {
    switch key.kind {
    case "Service": services[key] != nil
    case "Ingress": ingresses[key] != nil
    case "Gateway": gateways[key] != nil
    case "Pod": pods[key.namespace]?[key.name] != nil
    default: routes[key] != nil
    }
  }
}
