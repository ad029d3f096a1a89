/// Collector, the second stage of Falco's chain: applies define, legacy `append: true`,
/// `override:` and `enabled`-only entries, file after file, in load order.
struct RuleCollector {
  /// Lists by name.
  private(set) var lists = IndexedDefinitions<CollectedList>()
  /// Macros by name.
  private(set) var macros = IndexedDefinitions<CollectedMacro>()
  /// Rules by name.
  private(set) var rules = IndexedDefinitions<CollectedRule>()
  /// The highest `required_engine_version` seen.
  private(set) var requiredEngineVersion: String?
  /// Problems found.
  private(set) var diagnostics: [RuleDiagnostic] = []

  /// Applies items in order.
  mutating func collect(_ items: [RuleFileItem]) {
    for item in items {
      switch item.kind {
      case .list(let list): collect(list)
      case .macro(let macro): collect(macro)
      case .rule(let rule): collect(rule)
      case .requiredEngineVersion(let version): requiredEngineVersion = version
      case .requiredPluginVersions: continue
      }
    }
  }

  private mutating func report(
    _ code: RuleDiagnostic.Code, _ location: SourceLocation, _ message: String
  ) {
    diagnostics.append(RuleDiagnostic(code, at: location, message))
  }

  /// Records a diagnostic.
  mutating func addDiagnostic(
    _ code: RuleDiagnostic.Code, _ location: SourceLocation, _ message: String,
    severity: RuleDiagnostic.Severity? = nil
  ) {
    diagnostics.append(RuleDiagnostic(code, at: location, message, severity: severity))
  }

  /// Defines or redefines a rule.
  mutating func defineRule(_ rule: CollectedRule) {
    rules.define(rule.name, rule)
  }

  /// Changes an existing rule; false when undefined.
  @discardableResult
  mutating func updateRule(_ name: String, _ body: (inout CollectedRule) -> Void) -> Bool {
    rules.update(name, body)
  }

  // MARK: Lists

  private mutating func collect(_ list: ListEntry) {
    let mode: OverrideMode? = list.append ? .append : list.override["items"]
    if list.append && !list.override.isEmpty {
      report(.invalidOverride, list.location, "list '\(list.name)' has both 'append' and 'override'")
      return
    }
    guard let mode else {
      lists.define(
        list.name,
        CollectedList(name: list.name, location: list.location, items: list.items ?? []))
      return
    }
    guard let items = list.items else {
      report(.invalidOverride, list.location, "list '\(list.name)' overrides 'items' without 'items'")
      return
    }
    let found = lists.update(list.name) { existing in
      existing.items = mode == .append ? existing.items + items : items
    }
    if !found {
      report(
        .appendToUndefined, list.location,
        "list '\(list.name)' has '\(list.append ? "append" : "override")' but no list by that name is defined before"
      )
    } else if items.isEmpty && mode == .append {
      report(.appendNoValues, list.location, "list '\(list.name)' appends no items")
    }
  }

  // MARK: Macros

  private mutating func collect(_ macro: MacroEntry) {
    guard let condition = macro.condition else { return }
    if macro.append && !macro.override.isEmpty {
      report(.invalidOverride, macro.location, "macro '\(macro.name)' has both 'append' and 'override'")
      return
    }
    guard let mode = macro.append ? .append : macro.override["condition"] else {
      macros.define(
        macro.name,
        CollectedMacro(name: macro.name, location: macro.location, condition: condition))
      return
    }
    let found = macros.update(macro.name) { existing in
      existing.condition = mode == .append ? existing.condition.appending(condition) : condition
    }
    if !found {
      report(
        .appendToUndefined, macro.location,
        "macro '\(macro.name)' has '\(macro.append ? "append" : "override")' but no macro by that name is defined before"
      )
    }
  }
}
