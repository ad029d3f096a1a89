import VigilJSON

/// The `metadata` fields the RBAC model reads.
struct RBACMetadata {
  var name: String
  var namespace: String
  var labels: [String: String]

  init(json: JSONValue, namespaced: Bool, kind: String) throws(RBACDecodeError) {
    guard json.kind == .object else { throw RBACDecodeError(.notAnObject, detail: kind) }
    let metadata = json["metadata"]
    guard let name = metadata?["name"]?.string, !name.isEmpty else {
      throw RBACDecodeError(.missingName, detail: kind)
    }
    self.name = name
    let namespace = metadata?["namespace"]?.string ?? ""
    if namespaced && namespace.isEmpty {
      throw RBACDecodeError(.missingNamespace, detail: "\(kind) \(name)")
    }
    self.namespace = namespaced ? namespace : ""
    labels = (metadata?["labels"]).rbacStringMap
  }
}

extension Optional where Wrapped == JSONValue {
  /// The strings of an array of strings (others skipped); `[]` when missing.
  var rbacStrings: [String] {
    self?.elements.compactMap(\.string) ?? []
  }

  /// The string members of an object; `[:]` when missing.
  var rbacStringMap: [String: String] {
    var result: [String: String] = [:]
    self?.forEachMember { key, value in
      if let text = value.string { result[key] = text }
    }
    return result
  }
}
