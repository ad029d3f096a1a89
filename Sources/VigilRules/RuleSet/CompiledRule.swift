import VigilCore

/// A rule after loading: its Falco properties, where it was defined, and its output template.
///
/// An immutable class: every match hands the rule on, and a reference costs one retain where a
/// struct copy retained each of its strings.
public final class CompiledRule: Sendable {
  /// The rule's name (`Attach/Exec Pod`).
  public let name: String
  /// `desc`.
  public let description: String
  /// `priority`.
  public let priority: Severity
  /// `tags`.
  public let tags: [String]
  /// `source` (`k8s_audit`; Falco's default is `syscall`).
  public let source: String
  /// `enabled`; disabled rules are loaded but never fire.
  public let enabled: Bool
  /// The `output` template as written (after appends).
  public let output: String
  /// The `condition` as written (after appends), before macro expansion.
  public let condition: String
  /// The condition after macro and list expansion, with exceptions as `and not (…)`.
  public let expandedCondition: String
  /// Where the rule was first defined.
  public let origin: SourceLocation
  /// Vigil's `burst` extension, when present.
  public let burst: BurstSpec?
  /// True when the condition was compiled for an evaluated source (`k8s_audit`).
  public let isEvaluated: Bool
  let template: OutputTemplate

  init(
    name: String, description: String, priority: Severity, tags: [String], source: String,
    enabled: Bool, output: String, condition: String, expandedCondition: String,
    origin: SourceLocation, burst: BurstSpec?, isEvaluated: Bool, template: OutputTemplate
  ) {
    self.name = name
    self.description = description
    self.priority = priority
    self.tags = tags
    self.source = source
    self.enabled = enabled
    self.output = output
    self.condition = condition
    self.expandedCondition = expandedCondition
    self.origin = origin
    self.burst = burst
    self.isEvaluated = isEvaluated
    self.template = template
  }

  /// The output with `%field`s substituted (`<NA>` when missing) and the fields with values.
  public func render(_ event: Event) -> (output: String, fields: [AlertField]) {
    template.render(event)
  }

  /// The names of the fields the output prints, in order.
  public var outputFields: [String] {
    template.segments.compactMap {
      if case .field(let name, _, _) = $0 { return name }
      return nil
    }
  }
}

/// A rule whose condition held for an event.
public struct RuleMatch: Sendable {
  /// The rule.
  public let rule: CompiledRule
  /// The rule's position in `RuleSet.rules`.
  public let index: Int

  /// Renders the rule's output for the event.
  public func render(_ event: Event) -> (output: String, fields: [AlertField]) {
    rule.render(event)
  }
}
