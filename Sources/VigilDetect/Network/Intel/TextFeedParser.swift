/// Reads a plain-text feed: one indicator per line (address, CIDR, domain or URL, detected per
/// line), `#` and `;` comment lines, blank lines; text after ` #` on a line is the indicator's
/// description. Hosts-file lines (`0.0.0.0 evil.example`) read as the domain. Pure: bytes in.
public enum TextFeedParser {
  /// Parses `bytes` as feed `feed`.
  public static func parse(_ bytes: [UInt8], feed: String) -> FeedParseResult {
    var result = FeedParseResult()
    bytes.withUnsafeBufferPointer { buffer in
      var lineStart = 0
      var line = 1
      while lineStart < buffer.count {
        var lineEnd = lineStart
        while lineEnd < buffer.count, buffer[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        parseLine(buffer, lineStart, lineEnd, line: line, feed: feed, into: &result)
        lineStart = lineEnd + 1
        line += 1
      }
    }
    return result
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C
  }

  private static func parseLine(
    _ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, line: Int, feed: String,
    into result: inout FeedParseResult
  ) {
    var i = start
    while i < end, isSpace(buffer[i]) { i += 1 }
    guard i < end, buffer[i] != UInt8(ascii: "#"), buffer[i] != UInt8(ascii: ";") else { return }
    var tokenEnd = i
    while tokenEnd < end, !isSpace(buffer[tokenEnd]) { tokenEnd += 1 }
    var token = UnsafeBufferPointer(rebasing: buffer[i..<tokenEnd])
    var rest = tokenEnd
    if isSinkAddress(token) {
      // Hosts-file form: the name after the sink address is the indicator.
      var next = tokenEnd
      while next < end, isSpace(buffer[next]) { next += 1 }
      if next < end, buffer[next] != UInt8(ascii: "#") {
        var nextEnd = next
        while nextEnd < end, !isSpace(buffer[nextEnd]) { nextEnd += 1 }
        token = UnsafeBufferPointer(rebasing: buffer[next..<nextEnd])
        rest = nextEnd
      }
    }
    var description: String?
    if let hash = buffer[rest..<end].firstIndex(of: UInt8(ascii: "#")) {
      var from = hash + 1
      var to = end
      while from < to, isSpace(buffer[from]) { from += 1 }
      while to > from, isSpace(buffer[to - 1]) { to -= 1 }
      if from < to { description = String(decoding: buffer[from..<to], as: UTF8.self) }
    }
    switch IndicatorText.classify(utf8: token) {
    case .indicator(let kind, let value, let host):
      result.indicators.append(
        Indicator(kind: kind, value: value, host: host, feed: feed, description: description))
    case .invalid(let code):
      result.skip(
        FeedProblem(code: code, position: line, detail: String(decoding: token, as: UTF8.self)))
    }
  }

  /// `0.0.0.0` or `127.0.0.1`, the addresses hosts-file block lists point names at.
  private static func isSinkAddress(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
    token.elementsEqual("0.0.0.0".utf8) || token.elementsEqual("127.0.0.1".utf8)
  }
}
