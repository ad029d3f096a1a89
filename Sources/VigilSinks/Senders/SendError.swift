/// A failed delivery attempt: whether it is worth retrying, and what the destination said.
public struct SendError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Code: Sendable, Hashable {
    /// The connection could not be made or broke (refused, reset, DNS failure).
    case connectionFailed
    /// The destination did not answer within the timeout.
    case timeout
    /// The destination answered with a non-2xx status (see ``SendError/status``).
    case httpStatus
    /// The URL cannot be requested (bad syntax, unsupported scheme, no host).
    case invalidURL
    /// A local file or descriptor could not be written.
    case writeFailed
  }

  /// What went wrong.
  public var code: Code
  /// The HTTP status, for ``Code/httpStatus``.
  public var status: Int?
  /// The destination's reason phrase or body excerpt, or the underlying error's text.
  public var reason: String

  /// Creates an error.
  public init(_ code: Code, status: Int? = nil, reason: String) {
    self.code = code
    self.status = status
    self.reason = reason
  }

  /// An error for an HTTP answer with a non-2xx `status`.
  public static func http(status: Int, reason: String) -> SendError {
    SendError(.httpStatus, status: status, reason: reason)
  }

  /// True when another attempt may succeed: connection errors, timeouts, 408, 429, 5xx, and
  /// local write failures (a full disk can be freed); other 4xx and bad URLs never will.
  public var isRetryable: Bool {
    switch code {
    case .connectionFailed, .timeout, .writeFailed: true
    case .invalidURL: false
    case .httpStatus: status.map(Self.isRetryable(status:)) ?? true
    }
  }

  /// True for the HTTP statuses a retry may fix: 408, 429 and 5xx.
  public static func isRetryable(status: Int) -> Bool {
    status == 408 || status == 429 || (500...599).contains(status)
  }

  /// `HTTP 503 Service Unavailable`, `connection failed: …`.
  public var description: String {
    switch code {
    case .connectionFailed: "connection failed: \(reason)"
    case .timeout: "timed out: \(reason)"
    case .httpStatus: "HTTP \(status.map(String.init) ?? "?") \(reason)"
    case .invalidURL: "invalid URL: \(reason)"
    case .writeFailed: "write failed: \(reason)"
    }
  }
}
