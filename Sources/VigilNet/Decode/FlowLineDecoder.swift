import VigilCore

/// A flow source read one line at a time (Vigil flow JSON, Hubble JSON, VPC flow logs): each
/// line is a record, skipped, or a diagnostic with its line number; the input goes on.
public protocol FlowLineDecoder {
  /// A decoder for input named `file` (`-` for standard input).
  init(file: String)
  /// Decodes the next line.
  mutating func next<Line: StringProtocol>(line: Line) -> FlowLineResult
}

extension FlowLineDecoder {
  /// Decodes a whole input.
  public static func decode(_ text: String, file: String = "-") -> FlowDecoding {
    var decoder = Self(file: file)
    var result = FlowDecoding()
    for line in FlowDecoding.lines(text) { result.add(decoder.next(line: line)) }
    return result
  }
}
