import VigilCore
import VigilJSON

/// Falco's per-container fields, `ka.req.pod.containers.*`, `ka.req.pod.initContainers.*` and
/// `ka.req.pod.ephemeralContainers.*`: one value per container of `requestObject.spec.<list>`.
///
/// Each list reads only its own containers (`containers.*` never sees init containers). Without
/// an index, containers that lack the value are skipped; with an index the value of that
/// container is returned (see `FieldSupport.perItem`). Flags default as Falco's do: `privileged`
/// is `false` when unset, `eff_run_as_user`/`eff_run_as_group` fall back to the pod's security
/// context and then to `0`.
extension KAFields {
  /// The per-container fields of all three container lists.
  static let containers: [Field] = FieldSupport.ContainerList.allCases.flatMap(containerFields)

  /// The fields of one container list, in Falco's order.
  static func containerFields(_ list: FieldSupport.ContainerList) -> [Field] {
    let p = "ka.req.pod.\(list.rawValue)."
    var fields: [Field] = [
      perContainer(p + "name", list, text(list, .name)) { c, _ in
        c["name"].map { FieldValue.json($0) }
      },
      perContainer(p + "image", list, text(list, .image), requireAll: true) { c, _ in
        c["image"].map { FieldValue.json($0) }
      },
      perContainer(p + "image.repository", list, text(list, .repository), requireAll: true) {
        c, _ in
        c["image"].map { .string(FieldSupport.falcoRepository($0.displayString)) }
      },
      perContainer(p + "command", list, text(list, .command)) { c, _ in
        c["command"].map { FieldValue.json($0) }
      },
      perContainer(p + "args", list, text(list, .args)) { c, _ in
        c["args"].map { FieldValue.json($0) }
      },
      perContainer(p + "privileged", list, text(list, .privileged)) { c, _ in
        c["securityContext"]?["privileged"].map { FieldValue.json($0) } ?? .string("false")
      },
      securityContext(
        p + "allow_privilege_escalation", list, "allowPrivilegeEscalation", .escalation),
      securityContext(p + "read_only_fs", list, "readOnlyRootFilesystem", .readOnly),
      securityContext(p + "run_as_user", list, "runAsUser", .runAsUser),
      effective(p + "eff_run_as_user", list, "runAsUser", .effUser),
      securityContext(p + "run_as_group", list, "runAsGroup", .runAsGroup),
      effective(p + "eff_run_as_group", list, "runAsGroup", .effGroup),
      securityContext(p + "proc_mount", list, "procMount", .procMount),
      flattened(p + "add_capabilities", list, text(list, .capabilities)) { c in
        guard let add = c["securityContext"]?["capabilities"]?["add"] else { return [] }
        guard add.kind == .array else { return nil }
        return add.elements.map { .string($0.displayString) }
      },
    ]
    if list != .ephemeralContainers {
      fields.append(
        flattened(p + "host_port", list, text(list, .hostPort)) { c in
          guard let ports = c["ports"] else { return [] }
          guard ports.kind == .array else { return nil }
          var out: [FieldValue] = []
          ports.forEachElement { port in
            // Falco: with hostNetwork the containerPort is the host port.
            if let value = port["hostPort"] ?? port["containerPort"] {
              out.append(.string(value.displayString))
            }
          }
          return out
        })
    }
    return fields
  }

  /// A field with one value per container (`read` gets the container and the pod spec; nil when
  /// the container lacks it). With `requireAll`, one container without it makes the whole field
  /// `.missing`, as Falco's image extraction does.
  static func perContainer(
    _ name: String, _ list: FieldSupport.ContainerList, _ description: String,
    requireAll: Bool = false, _ read: @escaping @Sendable (JSONValue, JSONValue) -> FieldValue?
  ) -> Field {
    Field.reading(name, .string, list: true, argument: .optionalIndex, description) { event, argument in
      guard let spec = event.requestSpec, let items = spec[list.rawValue], items.kind == .array
      else { return .missing }
      var values: [FieldValue?] = []
      values.reserveCapacity(items.count)
      items.forEachElement { values.append(read($0, spec)) }
      if requireAll, argument == nil, values.contains(where: { $0 == nil }) { return .missing }
      return FieldSupport.perItem(values, argument: argument)
    }
  }

  /// A container's `securityContext.<key>`, skipped when unset.
  static func securityContext(
    _ name: String, _ list: FieldSupport.ContainerList, _ key: String, _ topic: Topic
  ) -> Field {
    perContainer(name, list, text(list, topic)) { c, _ in
      c["securityContext"]?[key].map { FieldValue.json($0) }
    }
  }

  /// The id a container effectively runs with: its `securityContext.<key>`, else the pod's,
  /// else `0` (what Falco's original implementation computes).
  static func effective(
    _ name: String, _ list: FieldSupport.ContainerList, _ key: String, _ topic: Topic
  ) -> Field {
    perContainer(name, list, text(list, topic)) { c, spec in
      if let own = c["securityContext"]?[key] { return .json(own) }
      if let pod = spec["securityContext"]?[key] { return .json(pod) }
      return .string("0")
    }
  }

  /// A field whose values from all containers are concatenated (`host_port`,
  /// `add_capabilities`); `read` returns nil when the container's value has the wrong type,
  /// which makes the field `.missing` as in Falco.
  static func flattened(
    _ name: String, _ list: FieldSupport.ContainerList, _ description: String,
    _ read: @escaping @Sendable (JSONValue) -> [FieldValue]?
  ) -> Field {
    Field.reading(name, .string, list: true, argument: .optionalIndex, description) { event, _ in
      guard let items = event.requestSpec?[list.rawValue], items.kind == .array else {
        return .missing
      }
      var out: [FieldValue] = []
      var wrongType = false
      items.forEachElement { container in
        guard let values = read(container) else {
          wrongType = true
          return
        }
        out.append(contentsOf: values)
      }
      return wrongType ? .missing : .values(out)
    }
  }
}
