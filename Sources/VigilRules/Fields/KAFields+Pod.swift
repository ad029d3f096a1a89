import VigilCore
import VigilJSON

/// Falco's pod-level fields (`requestObject.spec` of a Pod): host namespaces, the pod security
/// context, volumes, and the deprecated single-container `ka.req.container.*` forms.
extension KAFields {
  /// Pod-level fields.
  static let pod: [Field] = [
    Field.reading(
      "ka.req.container.image", .string,
      "Deprecated by ka.req.pod.containers.image. Returns the image of the first container only"
    ) { event, _ in
      .json(event.requestSpec?["containers"]?[0]?["image"])
    },
    Field.reading(
      "ka.req.container.image.repository", .string,
      "Deprecated by ka.req.pod.containers.image.repository. Returns the repository of the first container only"
    ) { event, _ in
      guard let image = event.requestSpec?["containers"]?[0]?["image"] else { return .missing }
      return .string(FieldSupport.falcoRepository(image.displayString))
    },
    specValue(
      "ka.req.pod.host_ipc", ["hostIPC"],
      "When the request object refers to a pod, the value of the hostIPC flag."),
    specValue(
      "ka.req.pod.host_network", ["hostNetwork"],
      "When the request object refers to a pod, the value of the hostNetwork flag."),
    specValue(
      "ka.req.container.host_network", ["hostNetwork"],
      "Deprecated alias for ka.req.pod.host_network"),
    specValue(
      "ka.req.pod.host_pid", ["hostPID"],
      "When the request object refers to a pod, the value of the hostPID flag."),
    Field.reading(
      "ka.req.container.privileged", .string,
      "Deprecated by ka.req.pod.containers.privileged. Returns true if any container has privileged=true"
    ) { event, _ in
      guard let containers = event.requestSpec?["containers"], containers.kind == .array,
        containers.count > 0
      else { return .missing }
      var privileged = false
      containers.forEachElement {
        if $0["securityContext"]?["privileged"]?.bool == true { privileged = true }
      }
      return .string(privileged ? "true" : "false")
    },
    specValue(
      "ka.req.pod.run_as_user", ["securityContext", "runAsUser"],
      "When the request object refers to a pod, the runAsUser uid specified in the security context for the pod. See ....containers.run_as_user for the runAsUser for individual containers"
    ),
    specValue(
      "ka.req.pod.run_as_group", ["securityContext", "runAsGroup"],
      "When the request object refers to a pod, the runAsGroup gid specified in the security context for the pod. See ....containers.run_as_group for the runAsGroup for individual containers"
    ),
    specValue(
      "ka.req.pod.fs_group", ["securityContext", "fsGroup"],
      "When the request object refers to a pod, the fsGroup gid specified by the security context."
    ),
    Field.reading(
      "ka.req.pod.supplemental_groups", .string, list: true,
      "When the request object refers to a pod, the supplementalGroup gids specified by the security context."
    ) { event, _ in
      .jsonList(event.requestSpec?["securityContext"]?["supplementalGroups"])
    },
    perVolume(
      "ka.req.pod.volumes.hostpath",
      "When the request object refers to a pod, all hostPath paths specified for all volumes"
    ) { $0["hostPath"]?["path"] },
    Field.reading(
      "ka.req.volume.hostpath", .string, argument: .requiredKey,
      "Deprecated by ka.req.pod.volumes.hostpath. Return true if the provided (host) path prefix is used by any volume"
    ) { event, argument in
      guard let volumes = event.requestSpec?["volumes"], volumes.kind == .array, let argument
      else { return .missing }
      let pattern = argument.key
      var matched = false
      volumes.forEachElement { volume in
        if !matched, let path = volume["hostPath"]?["path"]?.string,
          FieldSupport.globMatch(pattern, path)
        {
          matched = true
        }
      }
      return .string(matched ? "true" : "false")
    },
    perVolume(
      "ka.req.pod.volumes.flexvolume_driver",
      "When the request object refers to a pod, all flexvolume drivers specified for all volumes"
    ) { $0["flexVolume"]?["driver"] },
    Field.reading(
      "ka.req.pod.volumes.volume_type", .string, list: true, argument: .optionalIndex,
      "When the request object refers to a pod, all volume types for all volumes"
    ) { event, _ in
      guard let volumes = event.requestSpec?["volumes"], volumes.kind == .array else {
        return .missing
      }
      var out: [String] = []
      volumes.forEachElement { volume in
        volume.forEachMember { key, _ in if key != "name" { out.append(key) } }
      }
      return .strings(out)
    },
  ]

  /// A scalar at a path under `requestObject.spec`.
  static func specValue(_ name: String, _ path: [String], _ description: String) -> Field {
    Field.reading(name, .string, description) { event, _ in
      .json(event.requestSpec?.value(atPath: path))
    }
  }

  /// One value per volume of `requestObject.spec.volumes` (volumes without it skipped).
  static func perVolume(
    _ name: String, _ description: String, _ read: @escaping @Sendable (JSONValue) -> JSONValue?
  ) -> Field {
    Field.reading(name, .string, list: true, argument: .optionalIndex, description) { event, argument in
      guard let volumes = event.requestSpec?["volumes"], volumes.kind == .array else {
        return .missing
      }
      var values: [FieldValue?] = []
      volumes.forEachElement { volume in values.append(read(volume).map { FieldValue.json($0) }) }
      return FieldSupport.perItem(values, argument: argument)
    }
  }
}
