import VigilJSON

/// A RoleBinding or ClusterRoleBinding: which role it grants to which subjects, and where.
public struct RBACBinding: Sendable, Hashable {
  /// `RoleBinding prod/readers` or `ClusterRoleBinding ci-admin`.
  public var key: ObjectKey
  /// The role granted: `Role <binding ns>/<name>` or `ClusterRole <name>`.
  public var roleRef: ObjectKey
  /// Who receives it.
  public var subjects: [RBACSubject]

  /// Creates a binding.
  public init(key: ObjectKey, roleRef: ObjectKey, subjects: [RBACSubject]) {
    self.key = key
    self.roleRef = roleRef
    self.subjects = subjects
  }

  /// Where its grants apply: the binding's namespace for a RoleBinding, else the whole cluster.
  public var scope: RBACScope {
    key.kind == "RoleBinding" ? .namespace(key.namespace) : .cluster
  }

  /// Reads a RoleBinding (`kind == "RoleBinding"`) or ClusterRoleBinding from its API JSON.
  public init(json: JSONValue, kind: String) throws(RBACDecodeError) {
    let namespaced = kind == "RoleBinding"
    let metadata = try RBACMetadata(json: json, namespaced: namespaced, kind: kind)
    key = ObjectKey(kind: kind, namespace: metadata.namespace, name: metadata.name)
    guard let roleName = json["roleRef"]?["name"]?.string, !roleName.isEmpty else {
      throw RBACDecodeError(.missingRoleRef, detail: key.description)
    }
    switch json["roleRef"]?["kind"]?.string {
    case "ClusterRole": roleRef = ObjectKey(kind: "ClusterRole", name: roleName)
    case "Role" where namespaced:
      roleRef = ObjectKey(kind: "Role", namespace: metadata.namespace, name: roleName)
    case let other: throw RBACDecodeError(.invalidRoleRefKind, detail: other ?? "(none)")
    }
    var subjects: [RBACSubject] = []
    for subject in json["subjects"]?.elements ?? [] {
      guard let name = subject["name"]?.string, !name.isEmpty,
        let subjectKind = subject["kind"]?.string.flatMap(RBACSubject.Kind.init(rawValue:))
      else {
        throw RBACDecodeError(.invalidSubject, detail: subject.rawText)
      }
      // A service account subject without a namespace means the binding's own namespace.
      let namespace = subject["namespace"]?.string ?? ""
      subjects.append(
        RBACSubject(
          kind: subjectKind, name: name,
          namespace: namespace.isEmpty ? metadata.namespace : namespace))
    }
    self.subjects = subjects
  }
}
