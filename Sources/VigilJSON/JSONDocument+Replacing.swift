/// Splicing new bytes into a document (redaction) and re-validating the result.
extension JSONDocument {
  /// A new document with each byte range replaced by its bytes (ranges must not overlap; any
  /// order), re-parsed; throws `.invalidReplacementRange` for overlapping or out-of-bounds ranges.
  public func replacing(_ ranges: [(Range<Int>, [UInt8])]) throws(JSONParseError) -> JSONDocument {
    let source = storage.bytes
    let sorted = ranges.sorted { $0.0.lowerBound < $1.0.lowerBound }
    var out: [UInt8] = []
    out.reserveCapacity(source.count)
    var position = 0
    for (range, replacement) in sorted {
      guard range.lowerBound >= position, range.upperBound <= source.count else {
        throw JSONParseError(code: .invalidReplacementRange, offset: range.lowerBound)
      }
      out.append(contentsOf: source[position..<range.lowerBound])
      out.append(contentsOf: replacement)
      position = range.upperBound
    }
    out.append(contentsOf: source[position...])
    return try JSONDocument(parsing: out)
  }
}
