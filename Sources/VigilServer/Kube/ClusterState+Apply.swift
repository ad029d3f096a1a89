import VigilCore
import VigilDetect
import VigilJSON
import VigilKube
import VigilPipeline

/// How one delivery updates the three models.
extension ClusterState.Snapshot {
  /// A relist of `kind`: every object is added or modified, and what the models held of that
  /// kind but the list lacks is deleted.
  mutating func apply(
    synced objects: [JSONValue], kind: String, at time: Timestamp,
    issues: inout [ClusterApplyIssue]
  ) {
    if let inventoryKind = InventoryKind(rawValue: kind) {
      for diagnostic in inventory.replaceAll(kind: inventoryKind, objects: objects, at: time) {
        issues.append(
          ClusterApplyIssue(kind: kind, object: diagnostic.name, reason: "\(diagnostic.error)"))
      }
    }
    if ClusterState.exposureKinds.contains(kind) {
      var seen = Set<ObjectKey>()
      for object in objects {
        if let key = applyExposure(object, kind: kind, at: time, issues: &issues) {
          seen.insert(key)
        }
      }
      for key in exposureKeys[kind, default: []] where !seen.contains(key) {
        _ = exposure.delete(key, at: time)
        serviceTexts[key] = nil
      }
      exposureKeys[kind] = seen
    }
    if Self.ownedWorkloadKinds.contains(kind) {
      var kept = Set<WorkloadReference>()
      var changed = Set<String>()
      for object in objects {
        let workload = Self.reference(of: object, kind: kind)
        kept.insert(workload)
        if owners.set(workload, owner: Self.controller(of: object)) {
          changed.insert(workload.namespace)
        }
      }
      changed.formUnion(owners.retain(kind: kind, kept))
      refreshServices(in: changed, at: time, issues: &issues)
    }
    if ClusterSnapshot.imageKinds.contains(kind) {
      for object in objects { recordImages(of: object, kind: kind, at: time) }
    }
    if NetworkPolicyModel.kinds.contains(kind) {
      networkPolicies = networkPolicies.filter { $0.key.kind != kind }
      for object in objects { networkPolicies[Self.key(of: object, kind: kind)] = object }
    }
    if RBACModel.kinds.contains(kind) {
      var seen = Set<ObjectKey>()
      for object in objects {
        do {
          try rbac.apply(object, kind: kind)
          seen.insert(Self.key(of: object, kind: kind))
        } catch {
          issues.append(Self.issue(object, kind: kind, reason: "\(error)"))
        }
      }
      let held = kind.hasSuffix("Binding") ? Array(rbac.bindings.keys) : Array(rbac.roles.keys)
      for key in held where key.kind == kind && !seen.contains(key) {
        rbac.delete(key)
      }
    }
  }

  /// One watch event for an object of `kind`.
  mutating func apply(
    _ type: WatchEventType, object: JSONValue, kind: String, at time: Timestamp,
    issues: inout [ClusterApplyIssue]
  ) {
    if let inventoryKind = InventoryKind(rawValue: kind) {
      do {
        try inventory.apply(type, object: object, kind: inventoryKind, at: time)
      } catch {
        issues.append(Self.issue(object, kind: kind, reason: "\(error)"))
      }
    }
    if ClusterState.exposureKinds.contains(kind) {
      if type == .deleted {
        let key = Self.key(of: object, kind: kind)
        _ = exposure.delete(key, at: time)
        exposureKeys[kind]?.remove(key)
        serviceTexts[key] = nil
      } else if let key = applyExposure(object, kind: kind, at: time, issues: &issues) {
        exposureKeys[kind, default: []].insert(key)
      }
    }
    if Self.ownedWorkloadKinds.contains(kind) {
      let workload = Self.reference(of: object, kind: kind)
      let owner = type == .deleted ? nil : Self.controller(of: object)
      if owners.set(workload, owner: owner) {
        refreshServices(in: [workload.namespace], at: time, issues: &issues)
      }
    }
    if ClusterSnapshot.imageKinds.contains(kind), type != .deleted {
      recordImages(of: object, kind: kind, at: time)
    }
    if NetworkPolicyModel.kinds.contains(kind) {
      networkPolicies[Self.key(of: object, kind: kind)] = type == .deleted ? nil : object
    }
    if RBACModel.kinds.contains(kind) {
      if type == .deleted {
        rbac.delete(Self.key(of: object, kind: kind))
      } else {
        do {
          try rbac.apply(object, kind: kind)
        } catch {
          issues.append(Self.issue(object, kind: kind, reason: "\(error)"))
        }
      }
    }
  }

  /// Records the images an object runs (first seen per registry, image and namespace). Alerts
  /// on new registries come from the audit stream, which knows who set them.
  private mutating func recordImages(of object: JSONValue, kind: String, at time: Timestamp) {
    let workload = Self.reference(of: object, kind: kind)
    for image in ImageReferences.find(in: object) {
      _ = try? registries.record(
        imageText: image, namespace: workload.namespace, workload: workload, at: time,
        announce: false)
    }
  }

  /// Applies an object to the exposure inventory; returns its key, or nil when unreadable.
  private mutating func applyExposure(
    _ object: JSONValue, kind: String, at time: Timestamp, issues: inout [ClusterApplyIssue]
  ) -> ObjectKey? {
    do {
      let key = Self.key(of: object, kind: kind)
      if object["kind"]?.string != nil {
        _ = try exposure.apply(object, at: time)
        if kind == "Service" { serviceTexts[key] = object.rawText }
      } else {
        // List items carry no kind; the exposure model reads it from the object.
        let text = Self.text(of: object, withKind: kind)
        _ = try exposure.apply(json: text, at: time)
        if kind == "Service" { serviceTexts[key] = text }
      }
      return key
    } catch {
      issues.append(Self.issue(object, kind: kind, reason: "\(error)"))
      return nil
    }
  }

  /// The workload kinds whose controller is another workload.
  static let ownedWorkloadKinds: Set<String> = ["ReplicaSet", "Job"]

  /// Re-applies the Services of `namespaces`, so their workloads follow owner changes.
  private mutating func refreshServices(
    in namespaces: Set<String>, at time: Timestamp, issues: inout [ClusterApplyIssue]
  ) {
    guard !namespaces.isEmpty else { return }
    for (key, text) in serviceTexts where namespaces.contains(key.namespace) {
      do {
        _ = try exposure.apply(json: text, at: time)
      } catch {
        issues.append(
          ClusterApplyIssue(
            kind: key.kind, object: "\(key.namespace)/\(key.name)", reason: "\(error)"))
      }
    }
  }

  /// `kind namespace/name` of a workload object.
  static func reference(of object: JSONValue, kind: String) -> WorkloadReference {
    let key = key(of: object, kind: kind)
    return WorkloadReference(kind: kind, namespace: key.namespace, name: key.name)
  }

  /// The Deployment or CronJob controlling a ReplicaSet or Job, if any.
  static func controller(of object: JSONValue) -> WorkloadReference? {
    let references = object["metadata"]?["ownerReferences"]?.elements ?? []
    let controller =
      references.first { $0["controller"]?.bool == true } ?? references.first
    guard let controller, let kind = controller["kind"]?.string,
      kind == "Deployment" || kind == "CronJob", let name = controller["name"]?.string
    else { return nil }
    let namespace = object["metadata"]?["namespace"]?.string ?? ""
    return WorkloadReference(kind: kind, namespace: namespace, name: name)
  }

  /// The object's JSON text with `"kind"` added first.
  static func text(of object: JSONValue, withKind kind: String) -> String {
    let raw = object.rawText
    guard object.kind == .object, raw.first == "{" else { return raw }
    let rest = raw.dropFirst()
    let separator = object.count == 0 ? "" : ","
    return "{\"kind\":\(JSONText.quoted(kind))\(separator)\(rest)"
  }

  /// The object's key (kind from the resource, namespace and name from its metadata).
  static func key(of object: JSONValue, kind: String) -> ObjectKey {
    let metadata = object["metadata"]
    return ObjectKey(
      kind: kind, namespace: metadata?["namespace"]?.string ?? "",
      name: metadata?["name"]?.string ?? "")
  }

  static func issue(_ object: JSONValue, kind: String, reason: String) -> ClusterApplyIssue {
    let key = key(of: object, kind: kind)
    let name = key.namespace.isEmpty ? key.name : "\(key.namespace)/\(key.name)"
    return ClusterApplyIssue(kind: kind, object: name, reason: reason)
  }
}
