import VigilCore
import VigilJSON

extension ProvenanceDetector {
  /// The workload write `event` records, or nil when it is none the detector learns: reads,
  /// failed or partial requests, subresources other than `scale`, other resources, and system
  /// writes to controller-owned objects.
  static func write(in event: Event, configuration: Configuration) -> Write? {
    // The cheapest tests first: most events are reads.
    guard let audit = event.audit else { return nil }
    let verb = audit.verb
    guard verb == "create" || verb == "update" || verb == "patch",
      let ref = audit.objectRef, let resource = ref.resource,
      ref.subresource == nil || ref.subresource == "scale",
      audit.stage == nil || audit.stage == "ResponseComplete",
      (audit.responseCode ?? 200) < 400, configuration.resources.contains(resource)
    else { return nil }
    let actor = audit.impersonatedUser?.username ?? audit.user.username
    let kind = ActorKind(username: actor)
    if kind == .system, configuration.ownedResources.contains(resource) { return nil }
    guard let name = ref.name ?? createdName(audit) else { return nil }
    let family = ClientFamily(userAgent: audit.userAgent)
    let manager = ManagedFieldsManager.find(in: audit)
    let managerFamily = manager.map { ClientFamily(userAgent: $0) }
    let byPipeline =
      kind == .serviceAccount || family.isContinuousDelivery
      || managerFamily?.isContinuousDelivery == true
    return Write(
      event: event, audit: audit, resource: resource, namespace: ref.namespace, name: name,
      scale: ref.subresource == "scale", actor: actor, kind: kind, family: family,
      manager: manager, byPipeline: byPipeline)
  }

  /// The name of a created object (`objectRef.name` is absent on create).
  private static func createdName(_ audit: AuditEvent) -> String? {
    audit.document.root["responseObject"]?["metadata"]?["name"]?.string
      ?? audit.document.root["requestObject"]?["metadata"]?["name"]?.string
  }
}

extension ProvenanceDetector.Write {
  /// `Deployment payments/api`.
  var target: String {
    "\(Self.kinds[resource] ?? resource) \(namespace.map { "\($0)/" } ?? "")\(name)"
  }

  /// `patched`, `scaled`, `created` …
  var pastTense: String {
    if scale { return "scaled" }
    switch audit.verb {
    case "create": return "created"
    case "update": return "updated"
    default: return "patched"
    }
  }

  /// The actor and how it wrote: `alice@example.com (kubectl, manager kubectl-edit)`.
  var actorDescription: String {
    let how = manager.map { "\(family.name), manager \($0)" } ?? family.name
    return "\(actor) (\(how))"
  }

  private static let kinds = [
    "deployments": "Deployment", "statefulsets": "StatefulSet", "daemonsets": "DaemonSet",
    "replicasets": "ReplicaSet", "cronjobs": "CronJob", "jobs": "Job", "pods": "Pod",
    "rollouts": "Rollout",
  ]
}
