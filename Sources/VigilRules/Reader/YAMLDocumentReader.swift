import Yams

/// Parses YAML text with Yams and copies the node tree out with positions.
enum YAMLDocumentReader {
  /// The documents of a YAML text, or the syntax error with its position.
  static func read(text: String, file: String) -> (documents: [YAMLNode], error: RuleDiagnostic?) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var documents: [YAMLNode] = []
    do {
      let parser = try Parser(yaml: text)
      while let root = try parser.nextRoot() {
        documents.append(convert(root, file: file, lines: lines))
      }
    } catch {
      return (documents, diagnostic(for: error, file: file))
    }
    return (documents, nil)
  }

  private static func convert(_ node: Node, file: String, lines: [Substring]) -> YAMLNode {
    let mark = node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
      ?? SourceLocation(file: file, line: 0, column: 0)
    switch node {
    case .scalar(let scalar):
      let style: YAMLNode.ScalarStyle =
        switch scalar.style {
        case .singleQuoted: .singleQuoted
        case .doubleQuoted: .doubleQuoted
        case .literal: .literal
        case .folded: .folded
        case .any, .plain: .plain
        }
      let map = ScalarPositionMap.build(text: scalar.string, style: style, mark: mark, lines: lines)
      return YAMLNode(value: .scalar(scalar.string, style), location: mark, positions: map)
    case .sequence(let sequence):
      return YAMLNode(
        value: .sequence(sequence.map { convert($0, file: file, lines: lines) }), location: mark)
    case .mapping(let mapping):
      let pairs = mapping.map { pair in
        let key = convert(pair.key, file: file, lines: lines)
        return YAMLPair(
          key: key.scalarText ?? "", keyLocation: key.location,
          value: convert(pair.value, file: file, lines: lines))
      }
      return YAMLNode(value: .mapping(pairs), location: mark)
    case .alias:
      return YAMLNode(value: .scalar("", .plain), location: mark)
    }
  }

  private static func diagnostic(for error: any Error, file: String) -> RuleDiagnostic {
    guard let yamlError = error as? YamlError else {
      return RuleDiagnostic(
        .yamlParse, at: SourceLocation(file: file, line: 0, column: 0), "\(error)")
    }
    switch yamlError {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let prefix = context.map { $0.text + ": " } ?? ""
      return RuleDiagnostic(
        .yamlParse, at: SourceLocation(file: file, line: mark.line, column: mark.column),
        "invalid YAML: \(prefix)\(problem)")
    default:
      return RuleDiagnostic(
        .yamlParse, at: SourceLocation(file: file, line: 1, column: 1), "invalid YAML: \(yamlError)")
    }
  }
}
