/// Why an object given to `ExposureInventory.apply` could not be read.
public struct ExposureDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What was wrong.
  public enum Code: Sendable, Hashable {
    /// The value is not a JSON object.
    case notAnObject
    /// The object has no `kind`.
    case missingKind
    /// The object has no `metadata.name`.
    case missingName(kind: String)
    /// The text is not JSON.
    case malformedJSON(String)
  }

  /// What was wrong.
  public var code: Code

  /// Creates an error.
  public init(_ code: Code) { self.code = code }

  /// A sentence naming the problem.
  public var description: String {
    switch code {
    case .notAnObject: "exposure: the value is not a Kubernetes object"
    case .missingKind: "exposure: the object has no kind"
    case .missingName(let kind): "exposure: the \(kind) has no metadata.name"
    case .malformedJSON(let detail): "exposure: not JSON: \(detail)"
    }
  }
}
