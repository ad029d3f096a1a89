import VigilJSON

/// The cluster's RBAC objects and the effective permissions they give each subject. A pure value:
/// feed it objects with `apply` / `delete` / `import` and read grants, diffs and who-can answers.
public struct RBACModel: Sendable {
  /// Roles and ClusterRoles by key.
  public private(set) var roles: [ObjectKey: RBACRole] = [:]
  /// RoleBindings and ClusterRoleBindings by key.
  public private(set) var bindings: [ObjectKey: RBACBinding] = [:]
  /// Bindings naming each subject.
  var bindingsBySubject: [RBACSubject: Set<ObjectKey>] = [:]
  /// Bindings referencing each role key.
  private var bindingsByRole: [ObjectKey: Set<ObjectKey>] = [:]

  /// An empty model.
  public init() {}

  /// The kinds the model reads.
  public static let kinds: Set<String> = [
    "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding",
  ]

  /// Adds or replaces a Role, ClusterRole, RoleBinding or ClusterRoleBinding given as API JSON
  /// (`kind` overrides the object's own, for list items that carry none) and returns how
  /// effective permissions changed.
  @discardableResult
  public mutating func apply(_ object: JSONValue, kind: String? = nil) throws(RBACDecodeError)
    -> [RBACChange]
  {
    var staged = self
    let subjects = try staged.store(object, kind: kind)
    let before = grants(of: subjects)
    self = staged
    return RBACChange.changes(before: before, after: grants(of: subjects))
  }

  /// Parses `text` and applies it (see `apply(_:kind:)`).
  @discardableResult
  public mutating func apply(json text: String, kind: String? = nil) throws(RBACDecodeError)
    -> [RBACChange]
  {
    let document: JSONDocument
    do { document = try JSONDocument(parsing: text) } catch {
      throw RBACDecodeError(.notJSON, detail: error.description)
    }
    return try apply(document.root, kind: kind)
  }

  /// Removes the object with `key` (any of the four kinds) and returns how permissions changed.
  @discardableResult
  public mutating func delete(_ key: ObjectKey) -> [RBACChange] {
    let subjects: Set<RBACSubject>
    var staged = self
    switch key.kind {
    case "Role", "ClusterRole":
      guard roles[key] != nil else { return [] }
      subjects = subjectsBound(toRolesAffectedBy: key)
      staged.roles[key] = nil
    case "RoleBinding", "ClusterRoleBinding":
      guard let old = bindings[key] else { return [] }
      subjects = Set(old.subjects)
      staged.removeBinding(key)
    default:
      return []
    }
    let before = grants(of: subjects)
    self = staged
    return RBACChange.changes(before: before, after: grants(of: subjects))
  }

  /// Applies many objects: a `…List` response (items take the list's kind), an array, or one
  /// object. Returns the combined changes (none unless `reportingChanges`, which a first full load
  /// may skip) and the errors of the objects that could not be read.
  @discardableResult
  public mutating func `import`(_ value: JSONValue, reportingChanges: Bool = true) -> (
    changes: [RBACChange], errors: [RBACDecodeError]
  ) {
    var objects: [(JSONValue, String?)] = []
    if value.kind == .array {
      objects = value.elements.map { ($0, nil) }
    } else if let items = value["items"], items.kind == .array {
      let listKind = value["kind"]?.string ?? ""
      let itemKind = listKind.hasSuffix("List") ? String(listKind.dropLast(4)) : nil
      objects = items.elements.map { ($0, $0["kind"]?.string ?? itemKind) }
    } else {
      objects = [(value, nil)]
    }
    // Grants are compared once, before and after the whole batch.
    var affected: Set<RBACSubject> = []
    var errors: [RBACDecodeError] = []
    var staged = self
    for (object, kind) in objects {
      do {
        affected.formUnion(try staged.store(object, kind: kind))
      } catch {
        errors.append(error)
      }
    }
    guard reportingChanges else {
      self = staged
      return ([], errors)
    }
    let before = grants(of: affected)
    self = staged
    return (RBACChange.changes(before: before, after: grants(of: affected)), errors)
  }

  // MARK: - Storage

  /// Decodes and stores one object; returns the subjects whose grants it may change.
  private mutating func store(_ object: JSONValue, kind: String?) throws(RBACDecodeError) -> Set<
    RBACSubject
  > {
    guard object.kind == .object else { throw RBACDecodeError(.notAnObject) }
    let kind = kind ?? object["kind"]?.string ?? ""
    switch kind {
    case "Role", "ClusterRole":
      let role = try RBACRole(json: object, kind: kind)
      // Bindings of aggregated roles matter both before (old labels) and after (new labels).
      var subjects = subjectsBound(toRolesAffectedBy: role.key)
      roles[role.key] = role
      subjects.formUnion(subjectsBound(toRolesAffectedBy: role.key))
      return subjects
    case "RoleBinding", "ClusterRoleBinding":
      let binding = try RBACBinding(json: object, kind: kind)
      let old = bindings[binding.key]?.subjects ?? []
      removeBinding(binding.key)
      bindings[binding.key] = binding
      bindingsByRole[binding.roleRef, default: []].insert(binding.key)
      for subject in binding.subjects {
        bindingsBySubject[subject, default: []].insert(binding.key)
      }
      return Set(old + binding.subjects)
    default:
      throw RBACDecodeError(.unsupportedKind, detail: kind.isEmpty ? "(no kind)" : kind)
    }
  }

  private mutating func removeBinding(_ key: ObjectKey) {
    guard let old = bindings.removeValue(forKey: key) else { return }
    bindingsByRole[old.roleRef]?.remove(key)
    if bindingsByRole[old.roleRef]?.isEmpty == true { bindingsByRole[old.roleRef] = nil }
    for subject in old.subjects {
      bindingsBySubject[subject]?.remove(key)
      if bindingsBySubject[subject]?.isEmpty == true { bindingsBySubject[subject] = nil }
    }
  }

  /// The subjects bound to `role` and to every aggregated ClusterRole that takes its rules in,
  /// directly or through other aggregated roles (as labelled now).
  private func subjectsBound(toRolesAffectedBy role: ObjectKey) -> Set<RBACSubject> {
    var affectedRoles: Set<ObjectKey> = [role]
    if role.kind == "ClusterRole" {
      let aggregated = roles.values.filter { $0.aggregationSelectors != nil }
      var pending = [role]
      while let next = pending.popLast() {
        let labels = roles[next]?.labels ?? [:]
        for candidate in aggregated where !affectedRoles.contains(candidate.key) {
          if candidate.aggregationSelectors?.contains(where: { $0.matches(labels) }) == true {
            affectedRoles.insert(candidate.key)
            pending.append(candidate.key)
          }
        }
      }
    }
    var subjects: Set<RBACSubject> = []
    for role in affectedRoles {
      for bindingKey in bindingsByRole[role] ?? [] {
        subjects.formUnion(bindings[bindingKey]?.subjects ?? [])
      }
    }
    return subjects
  }
}
