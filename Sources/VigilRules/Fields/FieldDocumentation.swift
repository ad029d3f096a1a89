/// Generates `docs/fields.md` from the field declarations, so the reference can never drift from
/// the code (a test checks the committed file is current).
public enum FieldDocumentation {
  /// The namespaces in the order the reference lists them, with their introductions.
  static let sections: [(prefix: String, title: String, intro: String)] = [
    (
      "ka.", "`ka.*` — Falco k8saudit fields",
      "Falco's k8saudit plugin fields, with Falco's names, types, arguments and semantics, so Falco "
        + "rules load unchanged. Every `ka.*` value is a string, as in Falco (`ka.response.code "
        + "startswith 2`); JSON numbers read as their text, objects and arrays as compact JSON. "
        + "A field with no value (absent key, empty list) is missing: every comparison on it is false.\n\n"
        + "Where Falco's Go plugin has a known defect Vigil follows Falco's original (C++) "
        + "implementation or the documented intent:\n\n"
        + "- `*.eff_run_as_user` / `*.eff_run_as_group` read `securityContext.runAsUser/Group` of the "
        + "container, then of the pod, then `0` (the Go plugin reads `spec.runAsUser`, always `0`).\n"
        + "- `*.privileged` is `false` for a container without the flag, so the list has one value "
        + "per container; other security-context lists skip containers without the value.\n"
        + "- `*.add_capabilities` lists each capability (the Go plugin prints each container's array "
        + "as one JSON text); `ka.req.service.ports` lists each port object as compact JSON.\n"
        + "- `ka.req.volume.hostpath[glob]` matches the glob against every hostPath volume (the Go "
        + "plugin checks only the first volume).\n"
        + "- `ka.sourceips` reads `sourceIPs` (the Go plugin reads a non-existent path).\n"
        + "- `ka.cluster.name` reads the `cluster_name` annotation (set from GKE resource labels); "
        + "Falco's plugins take it from their configuration.\n"
        + "- An index on `ka.req.role.rules.*` or `*.host_port` picks the i-th value of the flattened "
        + "list; Falco picks all values of the i-th rule or container."
    ),
    (
      "jevt.", "`jevt.*` — Falco JSON event fields",
      "The event time (the audit event's `stageTimestamp`) and any value of the audit event's "
        + "JSON by RFC 6901 pointer, as Falco's json fields print them: strings unquoted, objects "
        + "and arrays as compact JSON. `jevt.time` is printed in UTC (Falco uses the host's zone)."
    ),
    ("json.", "`json.*` — Falco json plugin names", "Newer names of the `jevt.*` fields."),
    (
      "k8s.", "`k8s.*` — Vigil normalized audit fields",
      "The same meaning for every audit shape (native, EKS, AKS, GKE), typed (numbers, booleans), "
        + "and covering every workload kind (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, "
        + "Job, CronJob) where `ka.req.pod.*` only sees bare Pods."
    ),
    (
      "user.", "`user.*` — Vigil identity fields",
      "Who made the request, classified: human, serviceaccount, node, system or anonymous."
    ),
  ]

  /// The whole reference as Markdown.
  public static func markdown(_ registry: FieldRegistry) -> String {
    var out = "# Fields\n\n"
    out += "<!-- Generated from the field declarations in Sources/VigilRules/Fields; do not edit.\n"
    out +=
      "     Regenerate: VIGIL_REGENERATE_DOCS=1 swift test --filter FieldsDocumentationTests -->\n\n"
    out +=
      "Fields that rule conditions and outputs can read. `Arg` says what may follow the name in "
    out +=
      "brackets: `Index` an optional list index (`[0]`), `Key, Required` a required key or JSON "
    out += "pointer (`ka.uri.param[command]`, `jevt.value[/stage]`).\n\n"
    var listed = Set<String>()
    for section in sections {
      let fields = registry.fields.filter { $0.name.hasPrefix(section.prefix) }
      guard !fields.isEmpty else { continue }
      out += "## \(section.title)\n\n\(section.intro)\n\n"
      out += table(fields)
      for field in fields { listed.insert(field.name) }
    }
    let others = registry.fields.filter { !listed.contains($0.name) }
    if !others.isEmpty {
      out += "## Other fields\n\n" + table(others)
    }
    return out
  }

  /// A Markdown table of fields.
  static func table(_ fields: [Field]) -> String {
    var out = "| Name | Type | Arg | Description |\n|---|---|---|---|\n"
    for field in fields {
      out += "| `\(field.name)` | \(typeText(field)) | \(argumentText(field.argument)) | "
      out += escaped(field.description) + " |\n"
    }
    return out + "\n"
  }

  /// `string`, `string (list)`, `number`, `bool`.
  static func typeText(_ field: Field) -> String {
    field.type.rawValue + (field.isList ? " (list)" : "")
  }

  /// `None`, `Index` or `Key, Required`, as Falco's plugin READMEs write them.
  static func argumentText(_ rule: Field.ArgumentRule) -> String {
    switch rule {
    case .none: "None"
    case .optionalIndex: "Index"
    case .requiredKey: "Key, Required"
    }
  }

  /// Description text safe in a table cell.
  static func escaped(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "|": out += "\\|"
      case "\n": out += " "
      default: out.append(c)
      }
    }
    return out
  }
}
