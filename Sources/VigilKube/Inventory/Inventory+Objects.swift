import VigilCore

/// Keeping records, their identities and indexes in step.
extension Inventory {
  mutating func upsert(_ record: PodRecord, at time: Timestamp) {
    let key = ObjectKey(kind: "Pod", namespace: record.namespace, name: record.name)
    if let old = pods[key] {
      if old.uid != record.uid {
        removePod(old.metadata, at: time)
      } else {
        unindexContainers(of: old)
      }
    }
    pods[key] = record
    if !record.uid.isEmpty { podsByUID[record.uid] = key }
    indexContainers(of: record, key: key)
    if let owner = record.metadata.ownerReferences.controller {
      podsByOwner[
        ObjectKey(kind: owner.kind, namespace: record.namespace, name: owner.name), default: []
      ]
      .insert(key)
    }
    let resolution = workload(of: record)
    identities.hold(
      IdentityHolder(
        addressClass: .pod, namespace: record.namespace, name: record.name, uid: record.uid,
        workload: resolution.workload, workloadConfidence: resolution.confidence),
      addresses: record.heldIPs, since: record.metadata.created, at: time)
  }

  mutating func removePod(_ metadata: ObjectMetadata, at time: Timestamp) {
    let key = ObjectKey(kind: "Pod", namespace: metadata.namespace, name: metadata.name)
    guard let old = pods.removeValue(forKey: key) else { return }
    if podsByUID[old.uid] == key { podsByUID.removeValue(forKey: old.uid) }
    unindexContainers(of: old)
    if let owner = old.metadata.ownerReferences.controller {
      let ownerKey = ObjectKey(kind: owner.kind, namespace: old.namespace, name: owner.name)
      podsByOwner[ownerKey]?.remove(key)
      if podsByOwner[ownerKey]?.isEmpty == true { podsByOwner.removeValue(forKey: ownerKey) }
    }
    identities.release(.pod, namespace: old.namespace, name: old.name, uid: old.uid, at: time)
  }

  mutating func upsert(_ record: ServiceRecord, at time: Timestamp) {
    let key = ObjectKey(kind: "Service", namespace: record.namespace, name: record.name)
    if let old = services[key], old.metadata.uid != record.metadata.uid {
      removeService(old.metadata, at: time)
    }
    // A Service already known gets new addresses (a load balancer's ingress) now, not at its
    // creation.
    let since = services[key] == nil ? record.metadata.created : time
    services[key] = record
    let roles: [(AddressClass, [IPAddress])] = [
      (.service, record.clusterIPs), (.loadBalancer, record.loadBalancerIPs),
      (.externalIP, record.externalIPs),
    ]
    for (role, addresses) in roles {
      identities.hold(
        IdentityHolder(
          addressClass: role, namespace: record.namespace, name: record.name,
          uid: record.metadata.uid),
        addresses: addresses, since: since, at: time)
    }
  }

  mutating func removeService(_ metadata: ObjectMetadata, at time: Timestamp) {
    let key = ObjectKey(kind: "Service", namespace: metadata.namespace, name: metadata.name)
    guard let old = services.removeValue(forKey: key) else { return }
    for role in [AddressClass.service, .loadBalancer, .externalIP] {
      identities.release(
        role, namespace: old.namespace, name: old.name, uid: old.metadata.uid, at: time)
    }
  }

  mutating func upsert(_ record: NodeRecord, at time: Timestamp) {
    if let old = nodes[record.name], old.metadata.uid != record.metadata.uid {
      removeNode(old.name, at: time)
    }
    let since = nodes[record.name] == nil ? record.metadata.created : time
    nodes[record.name] = record
    identities.hold(
      IdentityHolder(
        addressClass: .node, namespace: "", name: record.name, uid: record.metadata.uid),
      addresses: record.internalIPs + record.externalIPs, since: since, at: time)
    identities.setPodCIDRs(record.podCIDRs, node: record.name)
  }

  mutating func removeNode(_ name: String, at time: Timestamp) {
    guard let old = nodes.removeValue(forKey: name) else { return }
    identities.release(.node, namespace: "", name: name, uid: old.metadata.uid, at: time)
    identities.setPodCIDRs([], node: name)
  }

  /// Recomputes the workloads of pods below the controller `key` (its pods, and the pods of the
  /// ReplicaSets or Jobs it owns), unless a bulk load defers that.
  mutating func refreshWorkloads(after key: ObjectKey) {
    guard !refreshDeferred else { return }
    var owners = [key]
    if key.kind == "Deployment" || key.kind == "CronJob" {
      for (childKey, child) in workloads
      where childKey.namespace == key.namespace
        && child.metadata.ownerReferences.controller?.name == key.name
        && child.metadata.ownerReferences.controller?.kind == key.kind
      {
        owners.append(childKey)
      }
    }
    for owner in owners {
      for podKey in podsByOwner[owner] ?? [] { refreshWorkload(ofPod: podKey) }
    }
  }

  /// Recomputes every pod's workload (after a bulk load).
  mutating func refreshAllWorkloads() {
    for podKey in pods.keys { refreshWorkload(ofPod: podKey) }
  }

  mutating func refreshWorkload(ofPod podKey: ObjectKey) {
    guard let pod = pods[podKey] else { return }
    let resolution = workload(of: pod)
    identities.update(
      IdentityHolder.Key(
        addressClass: .pod, namespace: pod.namespace, name: pod.name, uid: pod.uid)
    ) {
      $0 = $0.with(workload: resolution.workload, confidence: resolution.confidence)
    }
  }
}
