/// Candidate rules for an event, by `ka.verb`, `ka.target.resource`, `ka.target.subresource` and
/// stage (`jevt.value[/stage]`): each dimension maps a value to the rules that could match it, so
/// an event is tested only against rules whose required values it has. Rules without a
/// constraint on a dimension are candidates for every value of it.
struct RuleIndex: Sendable {
  /// One indexed field.
  struct Dimension: Sendable {
    /// The slot of the field.
    var slot: Int
    /// The constrained values, parallel to `bits` (searched linearly when few).
    var values: [String]
    /// Rules allowed for each constrained value (unconstrained rules included).
    var bits: [RuleBitset]
    /// Position in `values` by value, for dimensions with many values.
    var positions: [String: Int]
    /// Rules allowed when the field is missing.
    var missing: RuleBitset
    /// Rules allowed for any other value.
    var otherwise: RuleBitset

    /// The rules allowed for the event's value of the field.
    func allowed(_ value: FieldValue) -> RuleBitset {
      guard case .string(let text) = value else {
        if case .missing = value { return missing }
        return otherwise
      }
      if values.count <= 12 {
        for k in values.indices where values[k] == text { return bits[k] }
        return otherwise
      }
      return positions[text].map { bits[$0] } ?? otherwise
    }
  }

  /// The fields indexed on, as written in conditions.
  static let indexedFields: [(name: String, argument: String?)] = [
    ("ka.verb", nil), ("ka.target.resource", nil), ("ka.target.subresource", nil),
    ("jevt.value", "/stage"),
  ]

  /// The dimensions whose field exists in the registry.
  var dimensions: [Dimension]
  /// Rules evaluated for each source, enabled only.
  var bySource: [String: RuleBitset]
  /// Number of rules.
  var count: Int

  /// Builds the index; `constraints[d][r]` is rule r's value set on dimension d (nil = any;
  /// `RuleConstraints.missing` in a set allows the field to be missing).
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
      func allowing(_ value: String) -> RuleBitset {
        var bits = otherwise
        for r in 0..<ruleCount where constraints[d][r]?.contains(value) == true { bits.insert(r) }
        return bits
      }
      let missing = allowing(RuleConstraints.missing)
      values.remove(RuleConstraints.missing)
      let sorted = values.sorted()
      var positions: [String: Int] = [:]
      for (k, value) in sorted.enumerated() { positions[value] = k }
      dimensions.append(
        Dimension(
          slot: slot, values: sorted, bits: sorted.map(allowing), positions: positions,
          missing: missing, otherwise: otherwise))
    }
  }

  /// The rules allowed by each dimension for the event, written to `allowed` (one per
  /// dimension).
  func allowed(_ context: EvaluationContext, into allowed: UnsafeMutableBufferPointer<RuleBitset>) {
    for (d, dimension) in dimensions.enumerated() {
      allowed.initializeElement(at: d, to: dimension.allowed(context.value(dimension.slot)))
    }
  }
}
