import Synchronization
import VigilKube

/// The controllers of intermediate workloads (ReplicaSet → Deployment, Job → CronJob), so the
/// exposure model names the workload a person manages rather than its ReplicaSet. Read by the
/// exposure resolver while ``ClusterState`` holds its own lock, hence its own lock.
final class WorkloadOwners: Sendable {
  private let owners: Mutex<[WorkloadReference: WorkloadReference]>

  init() { owners = Mutex([:]) }

  /// The top workload of a pod whose controller is `owner`.
  func resolve(_ owner: WorkloadReference?) -> WorkloadReference? {
    guard var current = owner else { return nil }
    return owners.withLock { owners in
      // Two steps at most (Job → CronJob); the bound guards against a cycle.
      for _ in 0..<4 {
        guard let next = owners[current] else { break }
        current = next
      }
      return current
    }
  }

  /// Records (or clears, with nil) the controller of `workload`; returns whether it changed.
  @discardableResult
  func set(_ workload: WorkloadReference, owner: WorkloadReference?) -> Bool {
    owners.withLock { owners in
      let old = owners[workload]
      owners[workload] = owner
      return old != owner
    }
  }

  /// Forgets every workload of `kind` not in `kept`; returns the namespaces that changed.
  func retain(kind: String, _ kept: Set<WorkloadReference>) -> Set<String> {
    owners.withLock { owners in
      var changed = Set<String>()
      for key in owners.keys where key.kind == kind && !kept.contains(key) {
        owners[key] = nil
        changed.insert(key.namespace)
      }
      return changed
    }
  }

  /// Forgets `workload`; returns whether it was known.
  @discardableResult
  func remove(_ workload: WorkloadReference) -> Bool {
    owners.withLock { $0.removeValue(forKey: workload) != nil }
  }
}
