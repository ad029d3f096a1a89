import VigilCore

/// A rule's `output` split into text and `%field` / `%field[arg]` references, rendered as Falco
/// renders it: each field's value, `<NA>` when the event does not have it.
struct OutputTemplate: Sendable {
  /// One piece of the output.
  enum Segment: Sendable {
    case text(String)
    case field(name: String, field: Field, argument: FieldArgument?)
  }

  /// One segment as rendering reads it: copying a `Segment` copies its whole `Field` (a dozen
  /// references), which showed up per alert; a piece holds just the text or one reader.
  private struct Piece: Sendable {
    /// The literal text (empty for a field).
    var text: String
    /// The field's name as written, listed in the alert's fields when `listed`.
    var name: String
    /// Reads the field's value (nil for text).
    var read: (@Sendable (FieldContext) -> FieldValue)?
    /// True when this is the first `%field` of its name (its value is listed).
    var listed: Bool
  }

  /// The pieces in order.
  var segments: [Segment] {
    didSet { (pieces, fieldCount, textLength) = Self.prepare(segments) }
  }
  /// The segments prepared for rendering.
  private var pieces: [Piece]
  /// How many distinct fields the output prints.
  private var fieldCount: Int
  /// The total length of the literal text, in UTF-8 bytes (a capacity hint).
  private var textLength: Int

  /// A template of these pieces.
  init(segments: [Segment]) {
    self.segments = segments
    (pieces, fieldCount, textLength) = Self.prepare(segments)
  }

  private static func prepare(_ segments: [Segment]) -> ([Piece], Int, Int) {
    var seen: Set<String> = []
    var length = 0
    let pieces = segments.map { segment -> Piece in
      switch segment {
      case .text(let text):
        length += text.utf8.count
        return Piece(text: text, name: "", read: nil, listed: false)
      case .field(let name, let field, let argument):
        let listed = seen.insert(name).inserted
        return Piece(
          text: "", name: name, read: { field.value(in: $0, argument: argument) }, listed: listed)
      }
    }
    return (pieces, seen.count, length)
  }

  /// Why an output does not compile.
  struct TemplateError: Error {
    var message: String
    var offset: Int
    var suggestions: [String]
  }

  /// A template that prints the text unchanged (outputs of rules that are not compiled).
  static func verbatim(_ text: String) -> OutputTemplate {
    OutputTemplate(segments: [.text(text)])
  }

  /// Parses an output against a registry; the longest known field name after `%` wins.
  static func parse(_ text: String, registry: FieldRegistry) throws(TemplateError) -> OutputTemplate {
    let scalars = Array(text.unicodeScalars)
    var segments: [Segment] = []
    var literal = String.UnicodeScalarView()
    var i = 0
    func isNameScalar(_ s: Unicode.Scalar) -> Bool {
      s.properties.isAlphabetic && s.isASCII || ("0"..."9").contains(s) || s == "_" || s == "."
    }
    while i < scalars.count {
      let scalar = scalars[i]
      guard scalar == "%", i + 1 < scalars.count, isNameScalar(scalars[i + 1]) else {
        literal.append(scalar)
        i += 1
        continue
      }
      var end = i + 1
      while end < scalars.count, isNameScalar(scalars[end]) { end += 1 }
      let run = String(String.UnicodeScalarView(scalars[(i + 1)..<end]))
      guard let field = longestField(prefixOf: run, registry: registry) else {
        let word = run.split(separator: ".", omittingEmptySubsequences: false).prefix(4)
          .joined(separator: ".")
        throw TemplateError(
          message: "unknown field '\(run)' in output", offset: i + 1,
          suggestions: registry.suggestions(for: word))
      }
      var next = i + 1 + field.name.unicodeScalars.count
      var argumentText: String? = nil
      if field.argument != .none, next < scalars.count, scalars[next] == "[" {
        guard let close = scalars[next...].firstIndex(of: "]") else {
          throw TemplateError(
            message: "missing ']' after the argument of '\(field.name)'", offset: next,
            suggestions: [])
        }
        argumentText = String(String.UnicodeScalarView(scalars[(next + 1)..<close]))
        next = close + 1
      }
      let argument: FieldArgument?
      do {
        argument = try FieldSlotTable.argument(argumentText, for: field)
      } catch {
        throw TemplateError(message: error.message, offset: i + 1, suggestions: [])
      }
      if !literal.isEmpty {
        segments.append(.text(String(literal)))
        literal = String.UnicodeScalarView()
      }
      let name = argumentText.map { "\(field.name)[\($0)]" } ?? field.name
      segments.append(.field(name: name, field: field, argument: argument))
      i = next
    }
    if !literal.isEmpty { segments.append(.text(String(literal))) }
    return OutputTemplate(segments: segments)
  }

  private static func longestField(prefixOf run: String, registry: FieldRegistry) -> Field? {
    var best: Field? = nil
    for field in registry.fields where run.hasPrefix(field.name) {
      let rest = run.dropFirst(field.name.count)
      // A field name ends at a name boundary (a trailing '.' is punctuation).
      guard rest.isEmpty || rest.first == "." else { continue }
      if best == nil || field.name.count > (best?.name.count ?? 0) { best = field }
    }
    return best
  }

  /// The rendered text and the fields with their values (in order, each once).
  func render(_ event: Event) -> (output: String, fields: [AlertField]) {
    let context = FieldContext(event: event)
    var output = ""
    output.reserveCapacity(textLength + 24 * fieldCount)
    var fields: [AlertField] = []
    fields.reserveCapacity(fieldCount)
    pieces.withUnsafeBufferPointer { pieces in
      for k in pieces.indices {
        guard let read = pieces[k].read else {
          output += pieces[k].text
          continue
        }
        let value = read(context)
        output += value.display
        if pieces[k].listed { fields.append(AlertField(name: pieces[k].name, value: value.text)) }
      }
    }
    return (output, fields)
  }
}
