import VigilCore

/// Counters of an audit input: what was read, what came out, what went wrong (by code).
public struct AuditInputStatistics: Sendable, Hashable, Codable {
  /// Files (or standard input) opened.
  public var filesRead = 0
  /// Lines consumed (after decompression).
  public var linesRead = 0
  /// Bytes consumed (after decompression).
  public var bytesRead = 0
  /// Bytes read from the files themselves (compressed size for gzip files).
  public var fileBytesRead = 0
  /// JSON documents (lines or multi-line values) handed to the decoder.
  public var documentsRead = 0
  /// Events produced (duplicates excluded).
  public var eventsDecoded = 0
  /// Diagnostics by code, duplicates included.
  public var diagnostics: [InputDiagnostic.Code: Int] = [:]

  /// Creates zeroed counters.
  public init() {}

  /// How many diagnostics of `code` there were.
  public func count(_ code: InputDiagnostic.Code) -> Int { diagnostics[code] ?? 0 }

  /// All diagnostics but duplicates (which are expected and not errors).
  public var problems: Int {
    diagnostics.reduce(0) { $0 + ($1.key == .duplicate ? 0 : $1.value) }
  }
}
