/// Why a string is not a valid container image reference.
public struct ImageReferenceError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Code: String, Sendable, Hashable, CaseIterable {
    case empty
    case tooLong = "too-long"
    case invalidRegistry = "invalid-registry"
    case invalidRepository = "invalid-repository"
    case uppercaseRepository = "uppercase-repository"
    case invalidTag = "invalid-tag"
    case invalidDigest = "invalid-digest"
  }

  /// The kind of problem.
  public var code: Code
  /// The input as given.
  public var input: String

  /// Creates an error.
  public init(_ code: Code, input: String) {
    self.code = code
    self.input = input
  }

  /// A sentence naming the problem and the input.
  public var description: String {
    let quoted = "\"\(input.prefix(300))\""
    switch code {
    case .empty: return "image reference is empty"
    case .tooLong: return "image repository name is longer than 255 characters: \(quoted)"
    case .invalidRegistry: return "image registry host or port is invalid: \(quoted)"
    case .invalidRepository: return "image repository path is invalid: \(quoted)"
    case .uppercaseRepository: return "image repository must be lowercase: \(quoted)"
    case .invalidTag: return "image tag is invalid: \(quoted)"
    case .invalidDigest: return "image digest is invalid: \(quoted)"
    }
  }
}
