/// Turns a rule's `exceptions` into condition terms, exactly as Falco's
/// `build_rule_exception_infos` does: each exception appends `and not (…)`, where `…` is
/// `(f1 c1 v1 and f2 c2 v2) or …` over its values (tuple form) or `f c (v1, v2, …)` (single
/// form). Default comps: `=` per field in the tuple form, `in` in the single form.
enum ExceptionBuilder {
  /// The `not (…)` term of one exception; nil when it has no values.
  static func term(
    for exception: ExceptionEntry, resolver: inout ConditionResolver
  ) throws(ConditionSyntaxError) -> ConditionExpr? {
    guard let fields = exception.fields, !exception.values.isEmpty else { return nil }
    switch fields {
    case .single(let item):
      let field = try parseField(item)
      let op = try comparisonOperator(exception.comps?.first, default: .in)
      var literals: [Literal] = []
      for row in exception.values {
        if case .item(let value)? = row.first {
          literals.append(Literal(text: value.text, quoted: false, location: value.location))
        }
      }
      let operand: Operand
      if op.takesList {
        operand = .list(resolver.expandLists(literals))
      } else if literals.count == 1 {
        operand = .value(literals[0])
      } else {
        throw ConditionSyntaxError(
          message: "exception '\(exception.name)': operator '\(op.rawValue)' takes one value",
          location: exception.location)
      }
      let comparison = Comparison(field: field, op: op, operand: operand, operatorLocation: item.location)
      return .not(.comparison(comparison))
    case .tuple(let items):
      let parsedFields = try items.map { (item) throws(ConditionSyntaxError) in try parseField(item) }
      var ops: [ComparisonOperator] = []
      for k in items.indices {
        ops.append(try comparisonOperator(exception.comps?[k], default: .equal))
      }
      var rows: [ConditionExpr] = []
      for row in exception.values {
        var terms: [ConditionExpr] = []
        for (k, value) in row.enumerated() {
          let operand = try operand(value, op: ops[k], resolver: &resolver)
          terms.append(
            .comparison(
              Comparison(
                field: parsedFields[k], op: ops[k], operand: operand,
                operatorLocation: items[k].location)))
        }
        rows.append(.and(terms))
      }
      return .not(.or(rows))
    }
  }

  private static func operand(
    _ value: ExceptionEntry.Value, op: ComparisonOperator, resolver: inout ConditionResolver
  ) throws(ConditionSyntaxError) -> Operand {
    switch value {
    case .list(let items):
      let literals = items.map { Literal(text: $0.text, quoted: true, location: $0.location) }
      guard op.takesList else {
        throw ConditionSyntaxError(
          message: "operator '\(op.rawValue)' takes one value, not a list",
          location: items.first?.location ?? SourceLocation(file: "", line: 0, column: 0))
      }
      return .list(resolver.expandLists(literals))
    case .item(let item):
      let literal = Literal(text: item.text, quoted: false, location: item.location)
      // Falco parenthesizes a single value for list operators, so a list name expands.
      return op.takesList ? .list(resolver.expandLists([literal])) : .value(literal)
    }
  }

  private static func parseField(_ item: ListItem) throws(ConditionSyntaxError) -> FieldReference {
    try ConditionParser.parseField(ConditionSource(text: item.text, at: item.location))
  }

  private static func comparisonOperator(
    _ item: ListItem?, default value: ComparisonOperator
  ) throws(ConditionSyntaxError) -> ComparisonOperator {
    guard let item else { return value }
    guard let op = ConditionParser.parseOperator(item.text), op != .exists else {
      throw ConditionSyntaxError(
        message: "'\(item.text)' is not a comparison operator usable in exceptions",
        location: item.location)
    }
    return op
  }
}
