/// Where something was read from: a file (or `-` for stdin) and a 1-based line, for diagnostics and evidence.
public struct SourcePosition: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The file path, `-` for standard input, or a label such as `webhook`.
  public var file: String
  /// The 1-based line number (0 when the input has no lines).
  public var line: Int

  /// Creates a position.
  public init(file: String, line: Int) {
    self.file = file
    self.line = line
  }

  /// `file:line`.
  public var description: String { "\(file):\(line)" }
}
