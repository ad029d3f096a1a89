/// A problem with one piece of input (a line that is not JSON, JSON that is not an audit event, an
/// oversized event), reported with its position; the rest of the input goes on.
public struct InputDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
  /// What went wrong, as a stable code that summaries count by.
  public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
    case notJSON = "not-json"
    case notAuditEvent = "not-audit-event"
    case truncated = "truncated"
    case duplicate = "duplicate"
    case unreadable = "unreadable"
    case decompression = "decompression"
  }

  /// The kind of problem.
  public var code: Code
  /// Where the problem is.
  public var position: SourcePosition
  /// A human explanation, e.g. "not a Kubernetes audit event: no auditID".
  public var message: String

  /// Creates a diagnostic.
  public init(code: Code, position: SourcePosition, message: String) {
    self.code = code
    self.position = position
    self.message = message
  }

  /// `file:line: message`.
  public var description: String { "\(position): \(message)" }
}
