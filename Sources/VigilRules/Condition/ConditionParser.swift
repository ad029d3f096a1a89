/// Parses Falco's condition language (libsinsp `filter/parser.cpp`'s grammar):
///
///     Expr   ::= Or
///     Or     ::= And ('or' And)*
///     And    ::= Not ('and' Not)*
///     Not    ::= 'not' Not | Check
///     Check  ::= '(' Expr ')' | Field Op | Identifier
///     Field  ::= name('.'name)+ ('[' arg ']')? | Transformer '(' Field ')'
///     Op     ::= 'exists' | CmpOp Value | ListOp '(' (Value (',' Value)*)? ')'
///     Value  ::= quoted string | bare string | 'val(' Field ')'
struct ConditionParser {
  /// Names accepted as field transformers on the left-hand side.
  static let transformers: Set<String> = ["tolower", "toupper", "b64", "basename", "len"]

  let bytes: [UInt8]
  let source: ConditionSource
  /// Unicode-scalar offset of each byte offset, for positions.
  let scalarOffsets: [Int]
  var index = 0

  /// Parses a whole condition.
  static func parse(_ source: ConditionSource) throws(ConditionSyntaxError) -> ConditionExpr {
    var parser = ConditionParser(source: source)
    return try parser.parseAll()
  }

  private init(source: ConditionSource) {
    self.source = source
    self.bytes = Array(source.text.utf8)
    var offsets: [Int] = []
    offsets.reserveCapacity(bytes.count + 1)
    var scalar = 0
    for byte in bytes {
      offsets.append(scalar)
      if byte & 0xC0 != 0x80 { scalar += 1 }
    }
    offsets.append(scalar)
    // Continuation bytes belong to the scalar started before them.
    for i in bytes.indices where bytes[i] & 0xC0 == 0x80 { offsets[i] = max(0, offsets[i] - 1) }
    self.scalarOffsets = offsets
  }

  // MARK: Grammar

  private mutating func parseAll() throws(ConditionSyntaxError) -> ConditionExpr {
    skipSpaces()
    if index == bytes.count { throw error("empty condition") }
    let expr = try parseOr()
    skipSpaces()
    if index < bytes.count {
      throw error("unexpected token '\(tokenPreview())', expecting 'and', 'or' or the end")
    }
    return expr
  }

  private mutating func parseOr() throws(ConditionSyntaxError) -> ConditionExpr {
    var children = [try parseAnd()]
    while acceptKeyword("or") { children.append(try parseAnd()) }
    return children.count == 1 ? children[0] : .or(children)
  }

  private mutating func parseAnd() throws(ConditionSyntaxError) -> ConditionExpr {
    var children = [try parseNot()]
    while acceptKeyword("and") { children.append(try parseNot()) }
    return children.count == 1 ? children[0] : .and(children)
  }

  private mutating func parseNot() throws(ConditionSyntaxError) -> ConditionExpr {
    if acceptKeyword("not") { return .not(try parseNot()) }
    return try parseCheck()
  }

  private mutating func parseCheck() throws(ConditionSyntaxError) -> ConditionExpr {
    skipSpaces()
    guard index < bytes.count else { throw error("unexpected end of condition, expecting a check") }
    if bytes[index] == UInt8(ascii: "(") {
      index += 1
      let inner = try parseOr()
      skipSpaces()
      guard accept(")") else { throw error("expecting ')'") }
      return inner
    }
    let start = index
    guard let word = readName() else {
      throw error("unexpected token '\(tokenPreview())', expecting a field, a macro or '('")
    }
    if word.contains(".") {
      let field = try finishField(name: word, start: start, transformers: [])
      return try parseOperator(field: field)
    }
    if Self.transformers.contains(word), peekAfterSpaces() == UInt8(ascii: "(") {
      index = start
      let field = try parseTransformedField()
      return try parseOperator(field: field)
    }
    if ["and", "or", "not"].contains(word) {
      index = start
      throw error("unexpected '\(word)', expecting a check")
    }
    return .macro(word, location(of: start))
  }

  /// `tolower(b64(ka.x))` → the field with transformers in application order.
  mutating func parseTransformedField() throws(ConditionSyntaxError) -> FieldReference {
    skipSpaces()
    let start = index
    guard let word = readName() else { throw error("expecting a field") }
    if word.contains(".") { return try finishField(name: word, start: start, transformers: []) }
    guard Self.transformers.contains(word) else {
      index = start
      throw error("unknown transformer '\(word)'")
    }
    skipSpaces()
    guard accept("(") else { throw error("expecting '(' after '\(word)'") }
    var inner = try parseTransformedField()
    skipSpaces()
    guard accept(")") else { throw error("expecting ')' after the argument of '\(word)'") }
    inner.transformers.append(word)
    return inner
  }

  mutating func finishField(
    name: String, start: Int, transformers: [String]
  ) throws(ConditionSyntaxError) -> FieldReference {
    var argument: String? = nil
    if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
        argument = try readQuoted()
      } else {
        let argStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "]"), !isSpace(bytes[index]) {
          index += 1
        }
        argument = String(decoding: bytes[argStart..<index], as: UTF8.self)
      }
      guard accept("]") else { throw error("expecting ']' to close the argument of '\(name)'") }
    }
    return FieldReference(
      name: name, argument: argument, transformers: transformers, location: location(of: start))
  }

  private mutating func parseOperator(field: FieldReference) throws(ConditionSyntaxError) -> ConditionExpr {
    skipSpaces()
    let start = index
    guard let op = readOperator() else {
      throw error("expecting an operator after '\(field)', found '\(tokenPreview())'")
    }
    let opLocation = location(of: start)
    let operand: Operand
    if op == .exists {
      operand = .none
    } else if op.takesList {
      operand = .list(try parseList(op: op))
    } else {
      operand = try parseValue(op: op)
    }
    return .comparison(
      Comparison(field: field, op: op, operand: operand, operatorLocation: opLocation))
  }

  private mutating func parseList(op: ComparisonOperator) throws(ConditionSyntaxError) -> [Literal] {
    skipSpaces()
    guard accept("(") else { throw error("expecting '(' with a list of values after '\(op.rawValue)'") }
    var items: [Literal] = []
    skipSpaces()
    if accept(")") { return items }
    while true {
      skipSpaces()
      items.append(try parseLiteral())
      skipSpaces()
      if accept(")") { return items }
      guard accept(",") else { throw error("expecting ',' or ')' in list") }
    }
  }

  private mutating func parseValue(op: ComparisonOperator) throws(ConditionSyntaxError) -> Operand {
    skipSpaces()
    let start = index
    if let word = readName(), word == "val", peekAfterSpaces() == UInt8(ascii: "(") {
      skipSpaces()
      _ = accept("(")
      skipSpaces()
      let fieldStart = index
      guard let name = readName(), name.contains(".") else {
        index = fieldStart
        throw error("expecting a field inside val()")
      }
      let field = try finishField(name: name, start: fieldStart, transformers: [])
      skipSpaces()
      guard accept(")") else { throw error("expecting ')' after the field of val()") }
      return .field(field)
    }
    index = start
    return .value(try parseLiteral())
  }

  private mutating func parseLiteral() throws(ConditionSyntaxError) -> Literal {
    let start = index
    guard index < bytes.count else { throw error("unexpected end of condition, expecting a value") }
    if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
      let text = try readQuoted()
      return Literal(text: text, quoted: true, location: location(of: start))
    }
    while index < bytes.count, isBare(bytes[index]) { index += 1 }
    guard index > start else {
      throw error("expecting a value, found '\(tokenPreview())'")
    }
    return Literal(
      text: String(decoding: bytes[start..<index], as: UTF8.self), quoted: false,
      location: location(of: start))
  }
}

extension ConditionParser {
  /// Parses a lone field reference (`ka.user.name`, `tolower(ka.uri.param[command])`), as in
  /// exception `fields` and burst `by`.
  static func parseField(_ source: ConditionSource) throws(ConditionSyntaxError) -> FieldReference {
    var parser = ConditionParser(source: source)
    parser.skipSpaces()
    let field = try parser.parseFieldOnly()
    parser.skipSpaces()
    if parser.index < parser.bytes.count {
      throw parser.error("unexpected '\(parser.tokenPreview())' after field")
    }
    return field
  }

  /// Parses an operator name as written in exception `comps`.
  static func parseOperator(_ text: String) -> ComparisonOperator? {
    ComparisonOperator(rawValue: text.trimmingSpaces)
  }

  private mutating func parseFieldOnly() throws(ConditionSyntaxError) -> FieldReference {
    let start = index
    guard let word = readName() else { throw error("expecting a field") }
    if word.contains(".") { return try finishField(name: word, start: start, transformers: []) }
    index = start
    return try parseTransformedField()
  }
}
