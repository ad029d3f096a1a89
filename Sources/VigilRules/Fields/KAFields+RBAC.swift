import VigilCore
import VigilJSON

/// Falco's `ka.req.binding.*` and `ka.req.role.*` fields: (Cluster)RoleBindings and
/// (Cluster)Roles in request bodies.
extension KAFields {
  /// Role bindings and roles.
  static let rbac: [Field] = [
    Field.reading(
      "ka.req.binding.subjects", .string, list: true,
      "When the request object refers to a cluster role binding, the subject (e.g. account/users) being linked by the binding"
    ) { event, _ in
      .jsonList(event.requestObject?["subjects"])
    },
    subjectNames(
      "ka.req.binding.subjects.user_names", kind: "User",
      "When the request object refers to a cluster role binding, the subject user names being linked by the binding"
    ),
    subjectNames(
      "ka.req.binding.subjects.serviceaccount_names", kind: "ServiceAccount",
      "When the request object refers to a cluster role binding, the subject service account names being linked by the binding"
    ),
    subjectNames(
      "ka.req.binding.subjects.serviceaccount_ns_names", kind: "ServiceAccount",
      withNamespace: true,
      "When the request object refers to a cluster role binding, the subject serviceaccount namespaced names being linked by the binding, e.g. a list containing: mynamespace:myserviceaccount"
    ),
    subjectNames(
      "ka.req.binding.subjects.group_names", kind: "Group",
      "When the request object refers to a cluster role binding, the subject group names being linked by the binding"
    ),
    Field.reading(
      "ka.req.binding.role", .string,
      "When the request object refers to a cluster role binding, the role being linked by the binding"
    ) { event, _ in
      .json(event.requestObject?["roleRef"]?["name"])
    },
    // Falco documents "N/A" but its plugin (like the original implementation) returns "true".
    Field.reading(
      "ka.req.binding.subject.has_name", .string, argument: .requiredKey,
      "Deprecated, always returns \"N/A\". Only provided for backwards compatibility"
    ) { event, _ in
      event.audit == nil ? .missing : .string("true")
    },
    Field.reading(
      "ka.req.role.rules", .string, list: true,
      "When the request object refers to a role/cluster role, the rules associated with the role"
    ) { event, _ in
      .jsonList(event.requestObject?["rules"])
    },
    ruleAttribute(
      "ka.req.role.rules.apiGroups", "apiGroups",
      "When the request object refers to a role/cluster role, the api groups associated with the role's rules"
    ),
    ruleAttribute(
      "ka.req.role.rules.nonResourceURLs", "nonResourceURLs",
      "When the request object refers to a role/cluster role, the non resource urls associated with the role's rules"
    ),
    ruleAttribute(
      "ka.req.role.rules.verbs", "verbs",
      "When the request object refers to a role/cluster role, the verbs associated with the role's rules"
    ),
    ruleAttribute(
      "ka.req.role.rules.resources", "resources",
      "When the request object refers to a role/cluster role, the resources associated with the role's rules"
    ),
  ]

  /// The names of the binding's subjects of one `kind` (`namespace:name` for service accounts
  /// when `withNamespace`).
  static func subjectNames(
    _ name: String, kind: String, withNamespace: Bool = false, _ description: String
  ) -> Field {
    Field.reading(name, .string, list: true, description) { event, _ in
      guard let subjects = event.requestObject?["subjects"], subjects.kind == .array else {
        return .missing
      }
      var out: [String] = []
      subjects.forEachElement { subject in
        guard subject["kind"]?.stringEquals(kind) == true, let name = subject["name"]?.string
        else { return }
        if withNamespace {
          out.append((subject["namespace"]?.string ?? "") + ":" + name)
        } else {
          out.append(name)
        }
      }
      return .strings(out)
    }
  }

  /// One attribute of every rule of a role, flattened (`["get", "list", "create"]`). Falco
  /// applies an index to the rules (`[1]` = all verbs of rule 1); here it picks the i-th value of
  /// the flattened list, the only form a list field's index can take.
  static func ruleAttribute(_ name: String, _ key: String, _ description: String) -> Field {
    Field.reading(name, .string, list: true, argument: .optionalIndex, description) { event, _ in
      guard let rules = event.requestObject?["rules"], rules.kind == .array else {
        return .missing
      }
      var out: [FieldValue] = []
      rules.forEachElement { rule in
        guard let items = rule[key], items.kind == .array else { return }
        items.forEachElement { out.append(.string($0.displayString)) }
      }
      return .values(out)
    }
  }
}
