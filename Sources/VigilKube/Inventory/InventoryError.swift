/// Why one Kubernetes object could not be read into the inventory.
public struct InventoryError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Code: String, Sendable, Hashable, CaseIterable {
    /// The object is not a JSON object.
    case notAnObject = "not-an-object"
    /// No `kind`, and none could be inferred from the list.
    case missingKind = "missing-kind"
    /// A kind the inventory does not keep.
    case unsupportedKind = "unsupported-kind"
    /// No `metadata.name`.
    case missingName = "missing-name"
    /// A namespaced kind without `metadata.namespace`.
    case missingNamespace = "missing-namespace"
    /// A field has the wrong JSON type.
    case wrongType = "wrong-type"
    /// The text is not JSON.
    case notJSON = "not-json"
  }

  /// The kind of problem.
  public var code: Code
  /// The field or kind concerned, when there is one.
  public var detail: String

  /// Creates an error.
  public init(_ code: Code, _ detail: String = "") {
    self.code = code
    self.detail = detail
  }

  /// A one-line explanation.
  public var description: String {
    let suffix = detail.isEmpty ? "" : ": \(detail)"
    switch code {
    case .notAnObject: return "not a JSON object\(suffix)"
    case .missingKind: return "no kind\(suffix)"
    case .unsupportedKind: return "kind not kept by the inventory\(suffix)"
    case .missingName: return "no metadata.name\(suffix)"
    case .missingNamespace: return "no metadata.namespace\(suffix)"
    case .wrongType: return "field has the wrong JSON type\(suffix)"
    case .notJSON: return "not JSON\(suffix)"
    }
  }
}
