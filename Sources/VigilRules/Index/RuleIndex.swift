/// Candidate rules for an event, by `ka.verb`, `ka.target.resource` and stage
/// (`jevt.value[/stage]`): each dimension maps a value to the rules that could match it, so an
/// event is tested only against rules whose required values it has. Rules without a constraint
/// on a dimension are candidates for every value of it.
struct RuleIndex: Sendable {
  /// One indexed field.
  struct Dimension: Sendable {
    /// The slot of the field.
    var slot: Int
    /// Rules allowed for each constrained value (unconstrained rules included).
    var byValue: [String: RuleBitset]
    /// Rules allowed for any other value, or when the field is missing.
    var otherwise: RuleBitset
  }

  /// The fields indexed on, as written in conditions.
  static let indexedFields: [(name: String, argument: String?)] = [
    ("ka.verb", nil), ("ka.target.resource", nil), ("jevt.value", "/stage"),
  ]

  /// The dimensions whose field exists in the registry.
  var dimensions: [Dimension]
  /// Rules evaluated for each source, enabled only.
  var bySource: [String: RuleBitset]
  /// Number of rules.
  var count: Int

  /// Builds the index; `constraints[d][r]` is rule r's value set on dimension d (nil = any).
  init(
    ruleCount: Int, slots: [Int], constraints: [[Set<String>?]], bySource: [String: RuleBitset]
  ) {
    count = ruleCount
    self.bySource = bySource
    dimensions = []
    for (d, slot) in slots.enumerated() {
      var otherwise = RuleBitset(count: ruleCount)
      var values: Set<String> = []
      for r in 0..<ruleCount {
        if let set = constraints[d][r] { values.formUnion(set) } else { otherwise.insert(r) }
      }
      var byValue: [String: RuleBitset] = [:]
      for value in values {
        var bits = otherwise
        for r in 0..<ruleCount where constraints[d][r]?.contains(value) == true { bits.insert(r) }
        byValue[value] = bits
      }
      dimensions.append(Dimension(slot: slot, byValue: byValue, otherwise: otherwise))
    }
  }

  /// The candidate rules for an event of `source`.
  func candidates(source: String, context: EvaluationContext) -> RuleBitset? {
    guard var result = bySource[source] else { return nil }
    for dimension in dimensions {
      let bits: RuleBitset
      if case .string(let value) = context.value(dimension.slot) {
        bits = dimension.byValue[value] ?? dimension.otherwise
      } else {
        bits = dimension.otherwise
      }
      result.formIntersection(bits)
    }
    return result
  }
}
