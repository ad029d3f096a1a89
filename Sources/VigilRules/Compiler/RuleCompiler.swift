import VigilCore

/// Compiler, the third stage of Falco's chain: expands macros and lists, adds exceptions, binds
/// fields, checks types, compiles conditions and outputs, and reports unused macros and lists.
struct RuleCompiler {
  /// Sources whose rules are compiled against the registry and evaluated.
  let evaluatedSources: Set<String>
  /// Fields bound so far (shared by every rule).
  private(set) var builder: PredicateBuilder
  /// Problems found.
  private(set) var diagnostics: [RuleDiagnostic] = []

  init(registry: FieldRegistry, evaluatedSources: Set<String>) {
    self.evaluatedSources = evaluatedSources
    self.builder = PredicateBuilder(slots: FieldSlotTable(registry: registry))
  }

  /// One rule's compiled parts.
  struct Output {
    var rule: CompiledRule
    var predicate: PredicateBox?
    var resolved: ConditionExpr?
  }

  /// Compiles every collected rule, in definition order.
  mutating func compile(_ collector: RuleCollector) -> [Output] {
    let lists = ListResolver(lists: collector.lists)
    var resolver = ConditionResolver(macros: collector.macros, lists: lists)
    var outputs: [Output] = []
    var warnedSources: Set<String> = []
    for rule in collector.rules.values {
      let evaluated = evaluatedSources.contains(rule.source)
      if !evaluated && warnedSources.insert(rule.source).inserted {
        diagnostics.append(
          RuleDiagnostic(
            .unknownSource, at: rule.location,
            "rule '\(rule.name)' is for source '\(rule.source)', which Vigil does not evaluate; its rules are kept but never fire"
          ))
      }
      outputs.append(compile(rule, evaluated: evaluated, resolver: &resolver))
    }
    reportMacros(collector.macros, resolver: &resolver)
    for list in collector.lists.values
    where !resolver.usedLists.contains(list.name) && !lists.referencedByLists.contains(list.name) {
      diagnostics.append(
        RuleDiagnostic(.unusedList, at: list.location, "list '\(list.name)' is not used"))
    }
    return outputs
  }

  private mutating func compile(
    _ rule: CollectedRule, evaluated: Bool, resolver: inout ConditionResolver
  ) -> Output {
    var predicate: PredicateBox? = nil
    var resolved: ConditionExpr? = nil
    var template = OutputTemplate.verbatim(rule.output.text)
    var ok = true
    do {
      let parsed = try ConditionParser.parse(rule.condition)
      resolved = resolver.resolve(parsed, diagnostics: &diagnostics)
    } catch {
      diagnostics.append(
        RuleDiagnostic(
          .conditionSyntax, at: error.location, "in rule '\(rule.name)': \(error.message)"))
      ok = false
    }
    var terms: [ConditionExpr] = []
    for exception in rule.exceptions {
      do {
        if let term = try ExceptionBuilder.term(for: exception, resolver: &resolver) {
          terms.append(term)
        }
      } catch {
        diagnostics.append(RuleDiagnostic(.invalidException, at: error.location, error.message))
        ok = false
      }
    }
    if let condition = resolved, !terms.isEmpty { resolved = .and([condition] + terms) }
    if evaluated, ok, let condition = resolved {
      do {
        predicate = PredicateBox(run: try builder.build(condition))
      } catch {
        diagnostics.append(error.diagnostic)
      }
      do {
        template = try OutputTemplate.parse(rule.output.text, registry: builder.slots.registry)
      } catch {
        diagnostics.append(
          RuleDiagnostic(
            .outputSyntax, at: rule.output.location(ofOffset: error.offset),
            "in rule '\(rule.name)': \(error.message)", suggestions: error.suggestions))
      }
      checkBurst(rule)
    }
    let compiled = CompiledRule(
      name: rule.name, description: rule.desc, priority: rule.priority, tags: rule.tags,
      source: rule.source, enabled: rule.enabled, output: rule.output.text,
      condition: rule.condition.text, expandedCondition: resolved?.description ?? "",
      origin: rule.location, burst: rule.burst,
      isEvaluated: evaluated && predicate != nil, template: template)
    return Output(rule: compiled, predicate: predicate, resolved: resolved)
  }

  private mutating func checkBurst(_ rule: CollectedRule) {
    guard let burst = rule.burst else { return }
    for text in burst.by {
      do {
        let reference = try ConditionParser.parseField(ConditionSource(text: text, at: rule.location))
        var table = builder.slots
        _ = try table.bind(reference)
      } catch let error as ConditionSyntaxError {
        diagnostics.append(
          RuleDiagnostic(.invalidBurst, at: rule.location, "burst 'by' of rule '\(rule.name)': \(error.message)"))
      } catch let error as FieldSlotTable.BindError {
        diagnostics.append(
          RuleDiagnostic(
            .invalidBurst, at: rule.location, "burst 'by' of rule '\(rule.name)': \(error.message)",
            suggestions: error.suggestions))
      } catch {
        continue
      }
    }
  }

  /// Syntax errors of every macro (used or not, as Falco reports them) and unused macros.
  private mutating func reportMacros(
    _ macros: IndexedDefinitions<CollectedMacro>, resolver: inout ConditionResolver
  ) {
    for macro in macros.values {
      if case .failure(let error)? = resolver.parsedMacro(macro.name),
        !resolver.usedMacros.contains(macro.name)
      {
        diagnostics.append(
          RuleDiagnostic(
            .conditionSyntax, at: error.location, "in macro '\(macro.name)': \(error.message)"))
      }
      if !resolver.usedMacros.contains(macro.name) {
        diagnostics.append(
          RuleDiagnostic(.unusedMacro, at: macro.location, "macro '\(macro.name)' is not used"))
      }
    }
  }
}
