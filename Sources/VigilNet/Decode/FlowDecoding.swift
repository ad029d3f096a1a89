import VigilCore

/// What a flow decoder made of a whole input: the records, and one diagnostic per bad line.
public struct FlowDecoding: Sendable, Hashable {
  /// The flows, in input order.
  public var records: [FlowRecord]
  /// The lines that could not be read, each with its 1-based line number.
  public var diagnostics: [InputDiagnostic]
  /// Lines deliberately passed over (blank, headers, VPC NODATA/SKIPDATA).
  public var skipped: Int

  /// Creates an empty result.
  public init(records: [FlowRecord] = [], diagnostics: [InputDiagnostic] = [], skipped: Int = 0) {
    self.records = records
    self.diagnostics = diagnostics
    self.skipped = skipped
  }

  mutating func add(_ result: FlowLineResult) {
    switch result {
    case .record(let record): records.append(record)
    case .diagnostic(let diagnostic): diagnostics.append(diagnostic)
    case .skipped: skipped += 1
    }
  }
}

/// What a flow decoder made of one line.
public enum FlowLineResult: Sendable, Hashable {
  /// A flow.
  case record(FlowRecord)
  /// Nothing to report: blank, a header, or a record that carries no flow.
  case skipped
  /// The line is bad; the input goes on.
  case diagnostic(InputDiagnostic)
}

extension FlowDecoding {
  /// The lines of `text` without their `\n` / `\r\n` endings (a trailing newline adds no line).
  public static func lines(_ text: String) -> [Substring] {
    // `\r\n` is one Character in Swift, so both endings are separators.
    var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    if lines.last?.isEmpty == true { lines.removeLast() }
    return lines
  }
}
