/// Why a network-map JSON document could not be read back.
public struct NetworkGraphDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong.
  public enum Code: String, Sendable, Hashable, CaseIterable {
    /// Not JSON, or not an object.
    case notJSON = "not-json"
    /// A `version` this reader does not know.
    case unsupportedVersion = "unsupported-version"
    /// A node without a known kind or whose fields do not make its id.
    case badNode = "bad-node"
    /// An edge with a missing or malformed field.
    case badEdge = "bad-edge"
  }

  /// What is wrong.
  public var code: Code
  /// Which item, and how.
  public var detail: String

  /// Creates an error.
  public init(_ code: Code, _ detail: String) {
    self.code = code
    self.detail = detail
  }

  /// `bad-edge: edge 3: no port`.
  public var description: String {
    let summary: String
    switch code {
    case .notJSON: summary = "not a JSON object"
    case .unsupportedVersion: summary = "unsupported network map version"
    case .badNode: summary = "malformed node"
    case .badEdge: summary = "malformed edge"
    }
    return "\(code.rawValue): \(summary): \(detail)"
  }
}
