/// The part of a condition left to test once the index has chosen a rule as a candidate.
///
/// A candidate's value of an indexed field lies in the rule's constraint set (`RuleConstraints`),
/// the intersection of the sets of its top-level terms on that field; so each such term
/// (`f = v`, `f in (…)`, `not f exists`, or an `or` of them on one field) holds for every
/// candidate and need not run again. Only the terms of the top-level conjunction are dropped.
enum IndexedResidual {
  /// The condition without the terms the index implies; nil when nothing is dropped.
  static func condition(
    _ expr: ConditionExpr, dimensions: [(name: String, argument: String?)]
  ) -> ConditionExpr? {
    guard case .and(let children) = expr else {
      return isImplied(expr, dimensions: dimensions) ? .and([]) : nil
    }
    let terms = PredicateBuilder.flatten(children, and: true)
    let kept = terms.filter { !isImplied($0, dimensions: dimensions) }
    return kept.count == terms.count ? nil : .and(kept)
  }

  /// True when the term holds exactly when an indexed field's value is in its value set.
  static func isImplied(
    _ expr: ConditionExpr, dimensions: [(name: String, argument: String?)]
  ) -> Bool {
    dimensions.contains { dimension in
      implies(expr, field: dimension.name, argument: dimension.argument)
    }
  }

  private static func implies(_ expr: ConditionExpr, field: String, argument: String?) -> Bool {
    switch expr {
    case .and(let children) where children.count == 1:
      return implies(children[0], field: field, argument: argument)
    case .or(let children):
      return !children.isEmpty
        && children.allSatisfy { implies($0, field: field, argument: argument) }
    case .not(.comparison(let comparison)):
      return comparison.op == .exists && matches(comparison.field, field, argument)
    case .comparison(let comparison):
      guard matches(comparison.field, field, argument) else { return false }
      switch (comparison.op, comparison.operand) {
      case (.equal, .value), (.doubleEqual, .value), (.in, .list): return true
      default: return false
      }
    default:
      return false
    }
  }

  private static func matches(_ reference: FieldReference, _ field: String, _ argument: String?)
    -> Bool
  {
    reference.name == field && reference.argument == argument && reference.transformers.isEmpty
  }
}
