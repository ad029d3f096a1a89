extension ConditionExpr: CustomStringConvertible {
  /// The expression as condition text, parenthesized where precedence needs it.
  var description: String {
    switch self {
    case .and(let children):
      return children.map { $0.parenthesized(inside: .and([])) }.joined(separator: " and ")
    case .or(let children):
      return children.map { $0.parenthesized(inside: .or([])) }.joined(separator: " or ")
    case .not(let child):
      return "not " + child.parenthesized(inside: self)
    case .macro(let name, _):
      return name
    case .comparison(let comparison):
      return comparison.description
    }
  }

  private func parenthesized(inside parent: ConditionExpr) -> String {
    switch (self, parent) {
    case (.or, .and), (.and, .not), (.or, .not), (.and, .or): return "(\(description))"
    default: return description
    }
  }
}

extension Comparison: CustomStringConvertible {
  /// `field op value` as condition text.
  var description: String {
    switch operand {
    case .none: return "\(field) \(op.rawValue)"
    case .value(let literal): return "\(field) \(op.rawValue) \(literal.written)"
    case .list(let literals):
      return "\(field) \(op.rawValue) (\(literals.map(\.written).joined(separator: ", ")))"
    case .field(let other): return "\(field) \(op.rawValue) val(\(other))"
    }
  }
}

extension Literal {
  /// The literal as it can be written back: bare when safe, else double-quoted.
  var written: String {
    let safe =
      !text.isEmpty
      && text.unicodeScalars.allSatisfy {
        !$0.properties.isWhitespace && !"()\",='\\".unicodeScalars.contains($0)
      }
    if safe { return text }
    let escaped = text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
    return "\"\(escaped)\""
  }
}

extension String {
  /// Every occurrence of `target` replaced (no Foundation).
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for character in self {
      if character == target { out += replacement } else { out.append(character) }
    }
    return out
  }
}
