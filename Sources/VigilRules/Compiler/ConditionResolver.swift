/// Expands macro references and list names in list literals (Falco's `filter_macro_resolver`
/// and list resolver), reporting undefined and recursive macros at the reference.
struct ConditionResolver {
  /// A macro's parsed condition, or why it does not parse.
  private var parsedMacros: [String: Result<ConditionExpr, ConditionSyntaxError>] = [:]
  private let macros: IndexedDefinitions<CollectedMacro>
  private let lists: ListResolver
  /// Macros reached while resolving.
  private(set) var usedMacros: Set<String> = []
  /// Lists expanded while resolving.
  private(set) var usedLists: Set<String> = []
  /// Macro syntax errors already reported (each once).
  private var reportedMacros: Set<String> = []

  init(macros: IndexedDefinitions<CollectedMacro>, lists: ListResolver) {
    self.macros = macros
    self.lists = lists
  }

  /// The macro's parsed condition (parsed once).
  mutating func parsedMacro(_ name: String) -> Result<ConditionExpr, ConditionSyntaxError>? {
    if let cached = parsedMacros[name] { return cached }
    guard let macro = macros[name] else { return nil }
    let result: Result<ConditionExpr, ConditionSyntaxError>
    do {
      result = .success(try ConditionParser.parse(macro.condition))
    } catch {
      result = .failure(error)
    }
    parsedMacros[name] = result
    return result
  }

  /// The expression with every macro and list expanded; problems go to `diagnostics`.
  mutating func resolve(
    _ expr: ConditionExpr, diagnostics: inout [RuleDiagnostic]
  ) -> ConditionExpr? {
    var stack: [String] = []
    return resolve(expr, stack: &stack, diagnostics: &diagnostics)
  }

  private mutating func resolve(
    _ expr: ConditionExpr, stack: inout [String], diagnostics: inout [RuleDiagnostic]
  ) -> ConditionExpr? {
    switch expr {
    case .and(let children):
      var out: [ConditionExpr] = []
      for child in children {
        guard let resolved = resolve(child, stack: &stack, diagnostics: &diagnostics) else {
          return nil
        }
        out.append(resolved)
      }
      return .and(out)
    case .or(let children):
      var out: [ConditionExpr] = []
      for child in children {
        guard let resolved = resolve(child, stack: &stack, diagnostics: &diagnostics) else {
          return nil
        }
        out.append(resolved)
      }
      return .or(out)
    case .not(let child):
      return resolve(child, stack: &stack, diagnostics: &diagnostics).map { .not($0) }
    case .comparison(var comparison):
      if case .list(let literals) = comparison.operand {
        comparison.operand = .list(expandLists(literals))
      }
      return .comparison(comparison)
    case .macro(let name, let location):
      guard let parsed = parsedMacro(name) else {
        let known = macros.values.map(\.name)
        let suggestions = known.filter { editDistance($0, name) <= max(2, name.count / 4) }
          .sorted { editDistance($0, name) < editDistance($1, name) }.prefix(3)
        diagnostics.append(
          RuleDiagnostic(
            .undefinedMacro, at: location, "undefined macro '\(name)' used in filter",
            suggestions: Array(suggestions)))
        return nil
      }
      usedMacros.insert(name)
      if stack.contains(name) {
        diagnostics.append(
          RuleDiagnostic(
            .recursiveMacro, at: location,
            "macro '\(name)' references itself: \((stack + [name]).joined(separator: " → "))"))
        return nil
      }
      switch parsed {
      case .failure(let error):
        if reportedMacros.insert(name).inserted {
          diagnostics.append(
            RuleDiagnostic(
              .conditionSyntax, at: error.location,
              "in macro '\(name)': \(error.message)"))
        }
        return nil
      case .success(let body):
        stack.append(name)
        defer { stack.removeLast() }
        return resolve(body, stack: &stack, diagnostics: &diagnostics)
      }
    }
  }

  /// Replaces list names among list-literal items with the lists' items.
  mutating func expandLists(_ literals: [Literal]) -> [Literal] {
    var out: [Literal] = []
    for literal in literals {
      if let items = lists.items[literal.text] {
        usedLists.insert(literal.text)
        out += items.map { Literal(text: $0, quoted: true, location: literal.location) }
      } else {
        out.append(literal)
      }
    }
    return out
  }

  /// Marks a list as used (by an exception value).
  mutating func markListUsed(_ name: String) { usedLists.insert(name) }

  /// The list's items, when `name` names a list.
  func listItems(_ name: String) -> [String]? { lists.items[name] }
}
