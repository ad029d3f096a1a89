/// Owner chains: Pod → ReplicaSet → Deployment, Pod → Job → CronJob, StatefulSet, DaemonSet,
/// bare pods; with fallbacks when owners have not been seen.
extension Inventory {
  /// The workload of the pod `namespace/name`; nil when the pod is unknown.
  public func workload(ofPodNamespace namespace: String, name: String) -> WorkloadResolution? {
    pod(namespace: namespace, name: name).map { workload(of: $0) }
  }

  /// The workload of `pod`: the top of its controller chain, or the pod itself.
  public func workload(of pod: PodRecord) -> WorkloadResolution {
    let namespace = pod.namespace
    guard let owner = pod.metadata.ownerReferences.controller else {
      return WorkloadResolution(
        workload: WorkloadReference(kind: "Pod", namespace: namespace, name: pod.name),
        confidence: .observed, labels: pod.labels)
    }
    let ownerKey = ObjectKey(kind: owner.kind, namespace: namespace, name: owner.name)
    if owner.kind == "Node" {
      // A static (mirror) pod: the kubelet of that node runs it from a file.
      return WorkloadResolution(
        workload: WorkloadReference(kind: "Pod", namespace: namespace, name: pod.name),
        confidence: .observed, chain: [ownerKey], labels: pod.labels)
    }
    guard let direct = workloads[ownerKey] else {
      return unseenOwner(owner, key: ownerKey, of: pod)
    }
    // ReplicaSets and Jobs are usually owned by a Deployment or CronJob.
    if owner.kind == "ReplicaSet" || owner.kind == "Job",
      let upper = direct.metadata.ownerReferences.controller
    {
      let upperKey = ObjectKey(kind: upper.kind, namespace: namespace, name: upper.name)
      if let top = workloads[upperKey] {
        return WorkloadResolution(
          workload: top.reference, confidence: .observed, chain: [ownerKey, upperKey],
          labels: top.metadata.labels)
      }
      return WorkloadResolution(
        workload: WorkloadReference(kind: upper.kind, namespace: namespace, name: upper.name),
        confidence: .ownerReference, chain: [ownerKey, upperKey], labels: direct.metadata.labels)
    }
    return WorkloadResolution(
      workload: direct.reference, confidence: .observed, chain: [ownerKey],
      labels: direct.metadata.labels)
  }

  /// The workload when the pod's owner has not been seen: a Deployment or CronJob inferred from
  /// the owner's name, else the owner itself.
  func unseenOwner(_ owner: OwnerReference, key: ObjectKey, of pod: PodRecord)
    -> WorkloadResolution
  {
    let namespace = pod.namespace
    var inferred: (kind: String, name: String)?
    if owner.kind == "ReplicaSet",
      let name = Self.deploymentName(
        ofReplicaSet: owner.name, podTemplateHash: pod.labels["pod-template-hash"])
    {
      inferred = ("Deployment", name)
    } else if owner.kind == "Job", let name = Self.cronJobName(ofJob: owner.name) {
      inferred = ("CronJob", name)
    }
    if let inferred {
      return WorkloadResolution(
        workload: WorkloadReference(kind: inferred.kind, namespace: namespace, name: inferred.name),
        confidence: .inferred,
        chain: [key, ObjectKey(kind: inferred.kind, namespace: namespace, name: inferred.name)],
        labels: pod.labels)
    }
    return WorkloadResolution(
      workload: WorkloadReference(kind: owner.kind, namespace: namespace, name: owner.name),
      confidence: .ownerReference, chain: [key], labels: pod.labels)
  }

  /// `api` for the ReplicaSet `api-7d9f8b6c5d`: the name minus the pod's `pod-template-hash`
  /// label, or minus a last segment that looks like one (6–10 characters of the alphabet
  /// Kubernetes uses for generated names); nil when neither fits.
  public static func deploymentName(ofReplicaSet name: String, podTemplateHash: String?) -> String?
  {
    if let hash = podTemplateHash, !hash.isEmpty, name.hasSuffix("-" + hash) {
      let base = name.dropLast(hash.count + 1)
      return base.isEmpty ? nil : String(base)
    }
    guard let dash = name.lastIndex(of: "-") else { return nil }
    let suffix = name[name.index(after: dash)...]
    let alphabet = Set("bcdfghjklmnpqrstvwxz2456789")
    guard (6...10).contains(suffix.count), suffix.allSatisfy(alphabet.contains),
      dash != name.startIndex
    else { return nil }
    return String(name[..<dash])
  }

  /// `backup` for the Job `backup-28912345`: CronJobs name their Jobs `<name>-<minutes since
  /// the epoch>` (8 or more digits); nil otherwise.
  public static func cronJobName(ofJob name: String) -> String? {
    guard let dash = name.lastIndex(of: "-"), dash != name.startIndex else { return nil }
    let suffix = name[name.index(after: dash)...]
    guard suffix.count >= 8, suffix.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return String(name[..<dash])
  }
}
