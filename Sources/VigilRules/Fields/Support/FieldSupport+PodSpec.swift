import VigilJSON

/// Finding the pod specs in a request body, whatever the workload kind.
extension FieldSupport {
  /// The container lists of a pod spec, in Falco's field-name spelling.
  enum ContainerList: String, CaseIterable, Sendable {
    /// `spec.containers`.
    case containers
    /// `spec.initContainers`.
    case initContainers
    /// `spec.ephemeralContainers`.
    case ephemeralContainers
  }

  /// The pod specs a request body carries: a Pod's `spec`; the `spec.template.spec` of a
  /// Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController or Job; a CronJob's
  /// `spec.jobTemplate.spec.template.spec`. Works on merge-patch bodies too (no `kind` needed).
  static func podSpecs(in object: JSONValue?) -> [JSONValue] {
    guard let object, object.kind == .object, let spec = object["spec"], spec.kind == .object
    else { return [] }
    var out: [JSONValue] = []
    if let template = spec["template"]?["spec"], template.kind == .object { out.append(template) }
    if let job = spec["jobTemplate"]?["spec"]?["template"]?["spec"], job.kind == .object {
      out.append(job)
    }
    if out.isEmpty, ContainerList.allCases.contains(where: { spec[$0.rawValue] != nil }) {
      out.append(spec)
    }
    return out
  }

  /// Every container of the pod specs in `object` (regular, init and ephemeral), plus the
  /// containers added or changed by a JSON-patch body (`[{"op": …, "path": …, "value": …}]`),
  /// whose changed `image` / `securityContext` leaves come back as single-member stand-ins.
  static func allContainers(in object: JSONValue?) -> [ContainerView] {
    var out: [ContainerView] = []
    for spec in podSpecs(in: object) {
      for list in ContainerList.allCases {
        spec[list.rawValue]?.forEachElement { out.append(ContainerView(container: $0)) }
      }
    }
    if let object, object.kind == .array {
      object.forEachElement { op in
        guard let path = op["path"]?.string, let value = op["value"] else { return }
        out.append(ContainerView(patchPath: path, value: value))
      }
    }
    return out
  }

  /// What the normalized `k8s.req.*` fields read from one container (or one JSON-patch op).
  struct ContainerView {
    /// The container's image, if set.
    var image: String?
    /// `securityContext.privileged == true`.
    var privileged: Bool

    /// Reads a container object.
    init(container: JSONValue) {
      image = container["image"]?.string
      privileged = container["securityContext"]?["privileged"]?.bool == true
    }

    /// Reads a JSON-patch op: `…/image` with a string, `…/privileged` or `…/securityContext`,
    /// or a whole container added at `…/containers/-`.
    init(patchPath path: String, value: JSONValue) {
      image = nil
      privileged = false
      if path.hasSuffix("/image") {
        image = value.string
      } else if path.hasSuffix("/securityContext/privileged") {
        privileged = value.bool == true
      } else if path.hasSuffix("/securityContext") {
        privileged = value["privileged"]?.bool == true
      } else if value.kind == .object {
        image = value["image"]?.string
        privileged = value["securityContext"]?["privileged"]?.bool == true
      }
    }
  }
}
