import Synchronization
import VigilCore
import VigilJSON
import VigilKube
import VigilKubeClient

/// The cluster as `vigil serve` last saw it: the inventory (pods, services, nodes, workloads,
/// identities), the exposure inventory and the RBAC model (from `RBACModel.kubernetesDefaults`),
/// fed by ``ClusterWatchService`` and read by the `/api/v1/…` routes. Thread-safe.
public final class ClusterState: Sendable {
  /// Everything the state holds, read under the lock.
  public struct Snapshot: Sendable {
    /// Pods, services, nodes, namespaces, workloads and the IP → identity index.
    public var inventory: Inventory
    /// Every entry point from outside the cluster.
    public var exposure: ExposureInventory
    /// Roles and bindings with the effective permissions they give.
    public var rbac: RBACModel
    /// Every image the pods and workload templates run, by registry and namespace.
    public var registries = RegistryInventory()
    /// NetworkPolicy objects by key, read into a ``NetworkPolicyModel`` on demand (the model
    /// also needs the namespaces' current labels).
    public var networkPolicies: [ObjectKey: JSONValue] = [:]
    /// The kinds whose first list has been applied.
    public var syncedKinds: Set<String> = []
    /// Bumped by every applied delivery: readers compare it to see whether anything changed.
    public var generation = 0
    /// Optional kinds whose API is not served.
    public var notInstalledKinds: Set<String> = []
    /// Exposure object keys by kind, to delete what a relist no longer names.
    var exposureKeys: [String: Set<ObjectKey>] = [:]
    /// The JSON of each Service, re-applied when the owner of a ReplicaSet or Job behind it
    /// becomes known or changes.
    var serviceTexts: [ObjectKey: String] = [:]
    /// ReplicaSet → Deployment and Job → CronJob, for the exposure resolver.
    let owners: WorkloadOwners
  }

  /// The kinds `/readyz` waits for: every inventory resource that is not optional.
  public static let readinessKinds: Set<String> = Set(
    KubeResource.inventory.filter { !$0.optional }.map(\.kind))

  /// The kinds the exposure inventory reads.
  static let exposureKinds: Set<String> = ["Service", "Ingress", "Gateway", "HTTPRoute", "Pod"]

  private let state: Mutex<Snapshot>

  /// Creates an empty state; RBAC starts from the Kubernetes default roles. Unless `exposure`
  /// has its own, its resolver names a pod's Deployment or CronJob rather than its ReplicaSet
  /// or Job once those are listed.
  public init(
    inventory: Inventory = Inventory(), exposure: ExposureInventory = ExposureInventory(),
    rbac: RBACModel = .kubernetesDefaults
  ) {
    let owners = WorkloadOwners()
    var exposure = exposure
    if exposure.resolver.podWorkload == nil {
      exposure.resolver.podWorkload = { _, owner in owners.resolve(owner) }
    }
    state = Mutex(Snapshot(inventory: inventory, exposure: exposure, rbac: rbac, owners: owners))
  }

  /// Runs `body` on the current state under the lock (keep it short).
  public func read<T: Sendable>(_ body: (borrowing Snapshot) -> T) -> T {
    state.withLock { body($0) }
  }

  /// Whether every kind in `kinds` has been listed once (optional kinds not installed count).
  public func hasSynced(_ kinds: Set<String> = ClusterState.readinessKinds) -> Bool {
    state.withLock { kinds.isSubset(of: $0.syncedKinds.union($0.notInstalledKinds)) }
  }

  /// The number of objects held, by kind (inventory kinds and RBAC kinds).
  public func objectCounts() -> [String: Int] {
    state.withLock { snapshot in
      var counts: [String: Int] = [:]
      counts["Pod"] = snapshot.inventory.pods.count
      counts["Service"] = snapshot.inventory.services.count
      counts["Node"] = snapshot.inventory.nodes.count
      counts["Namespace"] = snapshot.inventory.namespaces.count
      counts["EndpointSlice"] = snapshot.inventory.endpointSlices.count
      for kind in WorkloadKind.allCases { counts[kind.rawValue] = 0 }
      for key in snapshot.inventory.workloads.keys { counts[key.kind, default: 0] += 1 }
      for kind in RBACModel.kinds { counts[kind] = 0 }
      for key in snapshot.rbac.roles.keys { counts[key.kind, default: 0] += 1 }
      for key in snapshot.rbac.bindings.keys { counts[key.kind, default: 0] += 1 }
      for (kind, keys) in snapshot.exposureKeys where counts[kind] == nil {
        counts[kind] = keys.count
      }
      return counts
    }
  }

  /// Changes every time a delivery is applied.
  public var generation: Int { state.withLock { $0.generation } }

  /// Marks `kinds` as listed: for a state loaded once from a snapshot rather than watched.
  public func markSynced(_ kinds: Set<String> = ClusterState.readinessKinds) {
    state.withLock { $0.syncedKinds.formUnion(kinds) }
  }

  /// Applies one delivery of the watcher of `resource`, received at `time`; returns the
  /// objects that could not be read (skipped).
  @discardableResult
  public func apply(
    _ delivery: ResourceWatcher.Delivery, resource: KubeResource, at time: Timestamp
  ) -> [ClusterApplyIssue] {
    state.withLock { snapshot in
      var issues: [ClusterApplyIssue] = []
      snapshot.generation &+= 1
      switch delivery {
      case .synced(let objects, _):
        snapshot.apply(synced: objects, kind: resource.kind, at: time, issues: &issues)
        snapshot.syncedKinds.insert(resource.kind)
        snapshot.notInstalledKinds.remove(resource.kind)
      case .added(let object):
        snapshot.apply(.added, object: object, kind: resource.kind, at: time, issues: &issues)
      case .modified(let object):
        snapshot.apply(.modified, object: object, kind: resource.kind, at: time, issues: &issues)
      case .deleted(let object):
        snapshot.apply(.deleted, object: object, kind: resource.kind, at: time, issues: &issues)
      case .notInstalled:
        snapshot.notInstalledKinds.insert(resource.kind)
      }
      return issues
    }
  }
}

/// An object a watch delivered that the models could not read.
public struct ClusterApplyIssue: Sendable, Hashable, CustomStringConvertible {
  /// The resource kind.
  public var kind: String
  /// `namespace/name` (or the name), empty when unreadable.
  public var object: String
  /// What went wrong.
  public var reason: String

  /// `Pod shop/web: reason`.
  public var description: String { "\(kind) \(object): \(reason)" }
}

extension ClusterState.Snapshot {
  /// The NetworkPolicies over the current namespaces (unreadable ones listed as skipped).
  public func networkPolicyModel() -> NetworkPolicyModel {
    var model = NetworkPolicyModel(inventory: inventory)
    for key in networkPolicies.keys.sorted() {
      if let object = networkPolicies[key] { _ = model.apply(object) }
    }
    return model
  }
}
