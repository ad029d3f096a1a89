import VigilCore

/// A failure of the input itself (a missing path, an unreadable file, broken compression).
public struct AuditInputError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Code: Sendable, Hashable {
    /// The path does not exist.
    case notFound
    /// The file or directory could not be opened or read (errno).
    case unreadable(Int32)
    /// The gzip stream is corrupt or ends early.
    case decompression(String)
  }

  /// What went wrong.
  public var code: Code
  /// Where: the file and the line reached.
  public var position: SourcePosition

  /// Creates an error.
  public init(code: Code, position: SourcePosition) {
    self.code = code
    self.position = position
  }

  /// `file:line: message`.
  public var description: String {
    switch code {
    case .notFound: "\(position.file): no such file or directory"
    case .unreadable(let errno): "\(position.file): cannot read (\(Self.errnoText(errno)))"
    case .decompression(let message): "\(position): gzip: \(message)"
    }
  }

  /// The diagnostic code that reports this error in input statistics.
  public var diagnosticCode: InputDiagnostic.Code {
    switch code {
    case .notFound, .unreadable: .unreadable
    case .decompression: .decompression
    }
  }

  /// A diagnostic for this error.
  public var diagnostic: InputDiagnostic {
    InputDiagnostic(code: diagnosticCode, position: position, message: description)
  }

  static func errnoText(_ value: Int32) -> String {
    switch value {
    case 2: "no such file or directory"
    case 13: "permission denied"
    case 21: "is a directory"
    case 5: "input/output error"
    default: "errno \(value)"
    }
  }
}
