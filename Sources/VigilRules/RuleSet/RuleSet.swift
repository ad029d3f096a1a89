import Foundation
import VigilCore

/// Loaded, compiled rules, ready to evaluate events.
public struct RuleSet: Sendable {
  /// Every rule, in definition order (disabled ones and other sources included).
  public let rules: [CompiledRule]
  /// Warnings found while loading.
  public let diagnostics: [RuleDiagnostic]
  /// The highest `required_engine_version` the files asked for.
  public let requiredEngineVersion: String?
  let slots: [FieldSlot]
  let predicates: [PredicateBox?]
  /// Per rule, what a candidate chosen by the index still has to test (see `IndexedResidual`).
  let candidatePredicates: [PredicateBox?]
  let index: RuleIndex

  /// Loads rule files in order (later files override earlier ones) with Falco's semantics.
  public static func load(
    files: [URL], registry: FieldRegistry = .standard
  ) throws(RuleLoadError) -> RuleSet {
    try RuleLoader(registry: registry).load(files: files)
  }

  /// Loads inline YAML (tests, embedded packs).
  public static func load(
    yaml: String, name: String = "inline.yaml", registry: FieldRegistry = .standard
  ) throws(RuleLoadError) -> RuleSet {
    try RuleLoader(registry: registry).load(texts: [(name, yaml)])
  }

  /// The rule named `name`.
  public func rule(named name: String) -> CompiledRule? {
    rules.first { $0.name == name }
  }

  /// The enabled rules of the event's source whose condition holds, in definition order.
  public func evaluate(_ event: Event) -> [RuleMatch] {
    evaluate(event, useIndex: true)
  }

  /// Evaluates with or without the index (the index never changes the result; tests check it).
  public func evaluate(_ event: Event, useIndex: Bool) -> [RuleMatch] {
    guard let enabled = index.enabled(for: event.source) else { return [] }
    let context = EvaluationContext(event: event, slots: slots)
    var matches: [RuleMatch] = []
    if useIndex {
      let dimensions = index.dimensions.count
      withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, dimensions)) { rows in
        index.rows(context, into: rows)
        index.words.withUnsafeBufferPointer { words in
          for k in enabled.words.indices {
            var word = enabled.words[k]
            for d in 0..<dimensions { word &= words[rows[d] + k] }
            while word != 0 {
              let i = k << 6 | word.trailingZeroBitCount
              word &= word - 1
              if let predicate = candidatePredicates[i], predicate.run(context) {
                matches.append(RuleMatch(rule: rules[i], index: i))
              }
            }
          }
        }
      }
    } else {
      for i in rules.indices where enabled.contains(i) {
        if let predicate = predicates[i], predicate.run(context) {
          matches.append(RuleMatch(rule: rules[i], index: i))
        }
      }
    }
    return matches
  }

  /// Whether one rule's condition holds for an event (ignoring `enabled`).
  public func matches(ruleAt index: Int, _ event: Event) -> Bool {
    guard rules.indices.contains(index), let predicate = predicates[index] else { return false }
    return predicate.run(EvaluationContext(event: event, slots: slots))
  }

  /// How many fields the index partitions rules by (verb, resource, stage when registered).
  public var indexedFieldCount: Int { index.dimensions.count }
}
