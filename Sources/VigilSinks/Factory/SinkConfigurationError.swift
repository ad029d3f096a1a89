/// A sink configuration that cannot work: what is wrong (`code`), which sink, and the detail.
public struct SinkConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong.
  public enum Code: Sendable, Hashable {
    /// The sink has no name.
    case missingName
    /// An HTTP sink has no URL.
    case missingURL
    /// The URL is not an `http` or `https` URL with a host.
    case invalidURL
    /// A `file` sink has no path.
    case missingPath
    /// The file (or its directory) cannot be created or opened.
    case fileNotWritable
    /// A number is out of range (attempts, sizes, durations).
    case invalidValue
  }

  /// What is wrong.
  public var code: Code
  /// The sink's name.
  public var sink: String
  /// The detail: the offending value and what is expected.
  public var message: String

  /// Creates an error.
  public init(_ code: Code, sink: String, message: String) {
    self.code = code
    self.sink = sink
    self.message = message
  }

  /// `sink "name": summary: message`.
  public var description: String {
    let summary: String
    switch code {
    case .missingName: summary = "sink has no name"
    case .missingURL: summary = "missing url"
    case .invalidURL: summary = "invalid url"
    case .missingPath: summary = "missing path"
    case .fileNotWritable: summary = "file cannot be written"
    case .invalidValue: summary = "invalid value"
    }
    return "sink \"\(sink)\": \(summary): \(message)"
  }
}
