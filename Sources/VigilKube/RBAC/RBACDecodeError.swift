/// Why an object could not be read as a Role, ClusterRole, RoleBinding or ClusterRoleBinding.
public struct RBACDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Code: String, Sendable, Hashable, CaseIterable {
    case notJSON = "not-json"
    case notAnObject = "not-an-object"
    case unsupportedKind = "unsupported-kind"
    case missingName = "missing-name"
    case missingNamespace = "missing-namespace"
    case missingRoleRef = "missing-role-ref"
    case invalidRoleRefKind = "invalid-role-ref-kind"
    case invalidSubject = "invalid-subject"
  }

  /// The kind of problem.
  public var code: Code
  /// The offending value (a kind, a subject kind), when there is one.
  public var detail: String

  /// Creates an error.
  public init(_ code: Code, detail: String = "") {
    self.code = code
    self.detail = detail
  }

  /// A sentence naming the problem.
  public var description: String {
    let suffix = detail.isEmpty ? "" : ": \(detail)"
    switch code {
    case .notJSON: return "RBAC object is not valid JSON\(suffix)"
    case .notAnObject: return "RBAC object is not a JSON object\(suffix)"
    case .unsupportedKind:
      return "not a Role, ClusterRole, RoleBinding or ClusterRoleBinding\(suffix)"
    case .missingName: return "RBAC object has no metadata.name\(suffix)"
    case .missingNamespace: return "namespaced RBAC object has no metadata.namespace\(suffix)"
    case .missingRoleRef: return "binding has no roleRef.name\(suffix)"
    case .invalidRoleRefKind: return "roleRef.kind is neither Role nor ClusterRole\(suffix)"
    case .invalidSubject: return "binding subject has an unknown kind or no name\(suffix)"
    }
  }
}
