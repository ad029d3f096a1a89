/// Maps an offset in a scalar's text (in Unicode scalars) back to a line and column of the file.
///
/// Exact for single-line scalars; for multi-line plain, folded and literal scalars each source line
/// is one segment, assuming lines are joined by one character (best effort with blank lines).
struct ScalarPositionMap: Sendable, Hashable {
  /// One source line's share of the text.
  struct Segment: Sendable, Hashable {
    var offset: Int
    var line: Int
    var column: Int
  }

  /// The file name.
  var file: String
  /// Segments in text order.
  var segments: [Segment]

  /// A map that puts every offset at one place.
  static func fixed(_ location: SourceLocation) -> ScalarPositionMap {
    ScalarPositionMap(
      file: location.file,
      segments: [Segment(offset: 0, line: location.line, column: location.column)])
  }

  /// The location of a text offset.
  func location(ofOffset offset: Int) -> SourceLocation {
    guard var best = segments.first else { return SourceLocation(file: file, line: 0, column: 0) }
    for segment in segments where segment.offset <= offset { best = segment }
    return SourceLocation(file: file, line: best.line, column: best.column + offset - best.offset)
  }

  /// Builds the map of a scalar from the file's lines.
  static func build(
    text: String, style: YAMLNode.ScalarStyle, mark: SourceLocation, lines: [Substring]
  ) -> ScalarPositionMap {
    let length = text.unicodeScalars.count
    var segments: [Segment] = []
    var offset = 0
    switch style {
    case .literal, .folded:
      var lineIndex = mark.line  // 0-based index of the line after the indicator
      var indent: Int? = nil
      while offset < length, lineIndex < lines.count {
        let line = Array(lines[lineIndex].unicodeScalars)
        let leading = line.prefix { $0 == " " }.count
        if leading < line.count {
          let base = indent ?? leading
          indent = base
          segments.append(Segment(offset: offset, line: lineIndex + 1, column: base + 1))
          offset += line.count - base + 1
        } else {
          offset += 1
        }
        lineIndex += 1
      }
    case .plain, .singleQuoted, .doubleQuoted:
      let quote = style == .plain ? 0 : 1
      var lineIndex = mark.line - 1
      var column = mark.column + quote
      while offset < length, lineIndex >= 0, lineIndex < lines.count {
        let line = Array(lines[lineIndex].unicodeScalars)
        let start = max(0, min(column - 1, line.count))
        segments.append(Segment(offset: offset, line: lineIndex + 1, column: start + 1))
        let content = line[start...].count
        offset += content + 1
        lineIndex += 1
        column = (lineIndex < lines.count)
          ? Array(lines[lineIndex].unicodeScalars).prefix { $0 == " " || $0 == "\t" }.count + 1 : 1
      }
    }
    if segments.isEmpty {
      segments = [Segment(offset: 0, line: mark.line, column: mark.column)]
    }
    return ScalarPositionMap(file: mark.file, segments: segments)
  }
}
