/// The text of a condition or output with where each part of it came from. Appending (Falco's
/// `append`/`override: append`) joins texts with a space and keeps each part's positions.
struct ConditionSource: Sendable, Hashable {
  /// One contributed piece of text.
  struct Part: Sendable, Hashable {
    var text: String
    var positions: ScalarPositionMap
  }

  /// The pieces, in order.
  var parts: [Part]

  /// A source with one piece.
  init(text: String, positions: ScalarPositionMap) {
    parts = [Part(text: text, positions: positions)]
  }

  /// A source for text that has no file (tests, generated exceptions).
  init(text: String, at location: SourceLocation) {
    self.init(text: text, positions: .fixed(location))
  }

  /// The full text: the pieces joined with a space.
  var text: String { parts.map(\.text).joined(separator: " ") }

  /// This source with another appended after a space.
  func appending(_ other: ConditionSource) -> ConditionSource {
    var copy = self
    copy.parts += other.parts
    return copy
  }

  /// The location of an offset (in Unicode scalars) into `text`.
  func location(ofOffset offset: Int) -> SourceLocation {
    var start = 0
    for (i, part) in parts.enumerated() {
      let length = part.text.unicodeScalars.count
      if offset <= start + length || i == parts.count - 1 {
        return part.positions.location(ofOffset: max(0, offset - start))
      }
      start += length + 1
    }
    return SourceLocation(file: "", line: 0, column: 0)
  }
}
