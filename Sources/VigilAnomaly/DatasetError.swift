/// Reading an evaluation dataset failed.
public struct DatasetError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Code: Sendable, Hashable {
    /// The file could not be opened or read (errno).
    case unreadable(errno: Int32)
    /// The CSV has no header line or no `label` column.
    case missingLabelColumn
    /// The file is not a ZIP archive this reader understands.
    case notZip(String)
    /// The archive entry uses a method or feature this reader does not support.
    case unsupportedZip(String)
    /// zlib reported an error while inflating.
    case inflate(String)
    /// The inflated entry's CRC-32 or size does not match the archive's record.
    case checksumMismatch
    /// No row could be parsed.
    case empty
  }

  /// The failure.
  public var code: Code
  /// The file involved.
  public var path: String

  /// A failure reading `path`.
  public init(_ code: Code, path: String) {
    self.code = code
    self.path = path
  }

  /// Explanation.
  public var description: String {
    switch code {
    case .unreadable(let errno): "\(path): cannot read (errno \(errno))"
    case .missingLabelColumn: "\(path): no header with a 'label' column"
    case .notZip(let why): "\(path): not a ZIP archive (\(why))"
    case .unsupportedZip(let why): "\(path): unsupported ZIP entry (\(why))"
    case .inflate(let message): "\(path): inflate failed: \(message)"
    case .checksumMismatch: "\(path): CRC-32 or size of the inflated entry does not match"
    case .empty: "\(path): no rows"
    }
  }
}

/// A line that could not be parsed and was skipped.
public struct MalformedLine: Sendable, Hashable, CustomStringConvertible {
  /// The 1-based line number in the file.
  public var line: Int
  /// Why it was skipped.
  public var reason: String

  /// `line 12: expected 4 fields`.
  public var description: String { "line \(line): \(reason)" }
}
