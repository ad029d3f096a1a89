import VigilCore
import VigilJSON

/// The kind of a watch event.
public enum WatchEventType: String, Sendable, Hashable, CaseIterable {
  /// The object was created (or listed).
  case added = "ADDED"
  /// The object changed.
  case modified = "MODIFIED"
  /// The object was deleted.
  case deleted = "DELETED"
}

/// The cluster's objects as Vigil needs them, kept current by list snapshots and watch events
/// (each applied with its time), with owner chains, a time-aware IP → identity index and a
/// container ID index. A value: no I/O, no clock.
public struct Inventory: Sendable {
  /// Reads records and interns their strings.
  var decoder = KubeObjectDecoder()
  /// Pods by `Pod namespace/name`.
  public internal(set) var pods: [ObjectKey: PodRecord] = [:]
  /// Pod keys by uid.
  var podsByUID: [String: ObjectKey] = [:]
  /// Services by `Service namespace/name`.
  public internal(set) var services: [ObjectKey: ServiceRecord] = [:]
  /// Nodes by name.
  public internal(set) var nodes: [String: NodeRecord] = [:]
  /// Namespaces by name.
  public internal(set) var namespaces: [String: NamespaceRecord] = [:]
  /// Workload controllers by `Kind namespace/name`.
  public internal(set) var workloads: [ObjectKey: WorkloadRecord] = [:]
  /// EndpointSlices by `EndpointSlice namespace/name`.
  public internal(set) var endpointSlices: [ObjectKey: EndpointSliceRecord] = [:]
  /// Who held which address when.
  public internal(set) var identities: IdentityIndex
  /// Containers by the first 12 characters of their ID.
  var containersByPrefix: [UInt64: ContainerSlot] = [:]
  /// Pod holders by their pod's direct owner (`ReplicaSet ns/name`), to refresh workloads when
  /// owners appear or change.
  var podsByOwner: [ObjectKey: Set<ObjectKey>] = [:]
  /// Set during bulk loads: workloads are refreshed once at the end instead of per object.
  var refreshDeferred = false

  /// Creates an empty inventory; the configured ranges classify addresses nobody holds.
  public init(clusterCIDRs: [IPNetwork] = [], serviceCIDRs: [IPNetwork] = []) {
    identities = IdentityIndex(clusterCIDRs: clusterCIDRs, serviceCIDRs: serviceCIDRs)
  }

  /// The pod `namespace/name`.
  public func pod(namespace: String, name: String) -> PodRecord? {
    pods[ObjectKey(kind: "Pod", namespace: namespace, name: name)]
  }

  /// The pod with `uid`.
  public func pod(uid: String) -> PodRecord? { podsByUID[uid].flatMap { pods[$0] } }

  /// The workload controller `kind namespace/name`.
  public func workload(_ kind: WorkloadKind, namespace: String, name: String) -> WorkloadRecord? {
    workloads[ObjectKey(kind: kind.rawValue, namespace: namespace, name: name)]
  }

  /// Number of distinct long strings interned.
  public var internedStringCount: Int { decoder.strings.count }

  /// What `ip` was at `time`: holder or address class (see `IdentityIndex.resolve(ip:at:)`).
  public func resolve(ip: IPAddress, at time: Timestamp) -> IdentityResolution {
    identities.resolve(ip: ip, at: time)
  }

  /// Forgets who held addresses before `cutoff` (see `IdentityIndex.forget(before:)`).
  public mutating func forgetIdentities(before cutoff: Timestamp) {
    identities.forget(before: cutoff)
  }

  /// Applies one watch event (or list item) for `object`; `kind` is used when the object has no
  /// `kind` (items of a typed list). Returns the object's kind.
  @discardableResult
  public mutating func apply(
    _ type: WatchEventType, object: JSONValue, kind: InventoryKind? = nil, at time: Timestamp
  ) throws(InventoryError) -> InventoryKind {
    let kind = try decoder.kind(of: object, fallback: kind)
    switch kind {
    case .pod:
      let record = try decoder.pod(object)
      if type == .deleted { removePod(record.metadata, at: time) } else { upsert(record, at: time) }
    case .service:
      let record = try decoder.service(object)
      if type == .deleted {
        removeService(record.metadata, at: time)
      } else {
        upsert(record, at: time)
      }
    case .node:
      let record = try decoder.node(object)
      if type == .deleted { removeNode(record.name, at: time) } else { upsert(record, at: time) }
    case .namespace:
      let record = try decoder.namespace(object)
      if type == .deleted {
        namespaces.removeValue(forKey: record.name)
      } else {
        namespaces[record.name] = record
      }
    case .endpointSlice:
      let record = try decoder.endpointSlice(object)
      let key = ObjectKey(
        kind: kind.rawValue, namespace: record.metadata.namespace, name: record.metadata.name)
      if type == .deleted {
        endpointSlices.removeValue(forKey: key)
      } else {
        endpointSlices[key] = record
      }
    case .replicaSet, .deployment, .statefulSet, .daemonSet, .job, .cronJob:
      guard let workloadKind = kind.workloadKind else {
        throw InventoryError(.unsupportedKind, kind.rawValue)
      }
      let record = try decoder.workload(object, kind: workloadKind)
      let key = ObjectKey(kind: kind.rawValue, namespace: record.namespace, name: record.name)
      if type == .deleted {
        workloads.removeValue(forKey: key)
      } else {
        workloads[key] = record
      }
      refreshWorkloads(after: key)
    }
    return kind
  }

  /// Parses `json` and applies it as one watch event.
  @discardableResult
  public mutating func apply(
    _ type: WatchEventType, json: String, kind: InventoryKind? = nil, at time: Timestamp
  ) throws(InventoryError) -> InventoryKind {
    let document: JSONDocument
    do {
      document = try JSONDocument(parsing: json)
    } catch {
      throw InventoryError(.notJSON, error.description)
    }
    return try apply(type, object: document.root, kind: kind, at: time)
  }
}
