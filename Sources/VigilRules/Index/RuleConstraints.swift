/// What values of one field a condition requires: derived from the top-level conjunction after
/// macro expansion (`=` or `in` with literal values; an `or` whose every branch constrains the
/// same field contributes the union).
enum RuleConstraints {
  /// The member of a value set that stands for "the field is missing" (`not f exists`); no
  /// field value contains a NUL byte followed by this text.
  static let missing = "\u{0}missing"

  /// The set of values the field must have for the condition to hold; nil when unconstrained.
  static func values(
    of field: String, argument: String?, in expr: ConditionExpr
  ) -> Set<String>? {
    switch expr {
    case .and(let children):
      var result: Set<String>? = nil
      for child in children {
        guard let values = values(of: field, argument: argument, in: child) else { continue }
        result = result.map { $0.intersection(values) } ?? values
      }
      return result
    case .or(let children):
      var result: Set<String> = []
      for child in children {
        guard let values = values(of: field, argument: argument, in: child) else { return nil }
        result.formUnion(values)
      }
      return children.isEmpty ? nil : result
    case .not(.comparison(let comparison)):
      // `not f exists`: the field must be missing.
      let reference = comparison.field
      guard comparison.op == .exists, reference.name == field, reference.argument == argument,
        reference.transformers.isEmpty
      else { return nil }
      return [missing]
    case .not, .macro:
      return nil
    case .comparison(let comparison):
      let reference = comparison.field
      guard reference.name == field, reference.argument == argument,
        reference.transformers.isEmpty
      else { return nil }
      switch (comparison.op, comparison.operand) {
      case (.equal, .value(let literal)), (.doubleEqual, .value(let literal)):
        return [literal.text]
      case (.in, .list(let literals)):
        return Set(literals.map(\.text))
      default:
        return nil
      }
    }
  }
}
