/// The last stage of the chain: assembles compiled rules and builds the index.
enum RuleSetBuilder {
  static func build(
    outputs: [RuleCompiler.Output], builder: PredicateBuilder, requiredEngineVersion: String?,
    diagnostics: [RuleDiagnostic]
  ) -> RuleSet {
    var builder = builder
    let count = outputs.count
    var bySource: [String: RuleBitset] = [:]
    for (i, output) in outputs.enumerated()
    where output.rule.enabled && output.rule.isEvaluated && output.predicate != nil {
      bySource[output.rule.source, default: RuleBitset(count: count)].insert(i)
    }
    var slots: [Int] = []
    var reads: [RuleIndex.Read] = []
    var indexed: [(name: String, argument: String?)] = []
    var constraints: [[Set<String>?]] = []
    for (name, argument) in RuleIndex.indexedFields {
      guard let field = builder.slots.registry.field(named: name), field.type == .string,
        !field.isList
      else { continue }
      let reference = FieldReference(
        name: name, argument: argument, transformers: [],
        location: SourceLocation(file: "", line: 0, column: 0))
      guard let slot = try? builder.slots.bind(reference) else { continue }
      slots.append(slot)
      reads.append(RuleIndex.read(name: name, argument: argument, field: field))
      indexed.append((name, argument))
      constraints.append(
        outputs.map { output in
          output.resolved.flatMap {
            RuleConstraints.values(of: name, argument: argument, in: $0)
          }
        })
    }
    let index = RuleIndex(
      ruleCount: count, slots: slots, reads: reads, constraints: constraints, bySource: bySource)
    // What each candidate still has to test: the terms the index guarantees are left out.
    let residuals = outputs.map { output -> PredicateBox? in
      guard let predicate = output.predicate, let resolved = output.resolved else { return nil }
      guard let residual = IndexedResidual.condition(resolved, dimensions: indexed),
        let run = try? builder.build(residual)
      else { return predicate }
      return PredicateBox(run: run)
    }
    return RuleSet(
      rules: outputs.map(\.rule), diagnostics: diagnostics,
      requiredEngineVersion: requiredEngineVersion, slots: builder.slots.slots,
      predicates: outputs.map(\.predicate), candidatePredicates: residuals, index: index)
  }
}
