import VigilCore

extension RuleCollector {
  /// Keys that a full rule definition must have.
  static let requiredRuleKeys = ["condition", "output", "desc", "priority"]

  mutating func collect(_ rule: RuleEntry) {
    if rule.append && !rule.override.isEmpty {
      addDiagnostic(.invalidOverride, rule.location, "rule '\(rule.name)' has both 'append' and 'override'")
      return
    }
    if rule.append {
      appendLegacy(rule)
    } else if !rule.override.isEmpty {
      override(rule)
    } else if rule.presentKeys == ["enabled"], let enabled = rule.enabled {
      let found = updateRule(rule.name) { $0.enabled = enabled }
      if !found {
        addDiagnostic(
          .appendToUndefined, rule.location,
          "rule '\(rule.name)' sets 'enabled' but no rule by that name is defined before")
      }
    } else {
      define(rule)
    }
  }

  private mutating func define(_ rule: RuleEntry) {
    let missing = Self.requiredRuleKeys.filter { !rule.presentKeys.contains($0) }
    guard missing.isEmpty, let condition = rule.condition, let output = rule.output,
      let desc = rule.desc, let priority = rule.priority
    else {
      addDiagnostic(
        .invalidItem, rule.location,
        "rule '\(rule.name)' has no mapping for key '\(missing.first ?? "condition")'")
      return
    }
    guard validateNewExceptions(rule.exceptions ?? [], rule: rule.name) else { return }
    defineRule(
      CollectedRule(
        name: rule.name, location: rule.location, desc: desc, condition: condition,
        output: output, priority: priority, tags: rule.tags ?? [], source: rule.source ?? "syscall",
        enabled: rule.enabled ?? true, exceptions: rule.exceptions ?? [], burst: rule.burst))
  }

  /// Legacy `append: true`: condition and output are extended with a space, desc too, tags and
  /// exceptions are merged.
  private mutating func appendLegacy(_ rule: RuleEntry) {
    var modes: [String: OverrideMode] = [:]
    for key in rule.presentKeys {
      guard RuleFileReader.ruleAppendable.contains(key) || key == "enabled" else {
        addDiagnostic(
          .invalidOverride, rule.location,
          "rule '\(rule.name)' with 'append: true' cannot change '\(key)'")
        return
      }
      modes[key] = key == "enabled" ? .replace : .append
    }
    if modes.isEmpty {
      addDiagnostic(.appendNoValues, rule.location, "rule '\(rule.name)' appends nothing")
    }
    apply(rule, modes: modes, verb: "append")
  }

  private mutating func override(_ rule: RuleEntry) {
    for key in rule.presentKeys where rule.override[key] == nil {
      addDiagnostic(
        .invalidOverride, rule.location,
        "rule '\(rule.name)' has key '\(key)' without an override policy for it")
      return
    }
    for key in rule.override.keys where !rule.presentKeys.contains(key) {
      addDiagnostic(
        .invalidOverride, rule.location,
        "rule '\(rule.name)' overrides '\(key)' but does not give a value for it")
      return
    }
    apply(rule, modes: rule.override, verb: "override")
  }

  private mutating func apply(_ rule: RuleEntry, modes: [String: OverrideMode], verb: String) {
    guard var existing = rules[rule.name] else {
      addDiagnostic(
        .appendToUndefined, rule.location,
        "rule '\(rule.name)' has '\(verb)' but no rule by that name is defined before")
      return
    }
    for (key, mode) in modes.sorted(by: { $0.key < $1.key }) {
      switch key {
      case "condition":
        guard let value = rule.condition else { continue }
        existing.condition = mode == .append ? existing.condition.appending(value) : value
      case "output":
        guard let value = rule.output else { continue }
        existing.output = mode == .append ? existing.output.appending(value) : value
      case "desc":
        guard let value = rule.desc else { continue }
        existing.desc = mode == .append ? existing.desc + " " + value : value
      case "tags":
        guard let value = rule.tags else { continue }
        existing.tags =
          mode == .append ? existing.tags + value.filter { !existing.tags.contains($0) } : value
      case "priority":
        if let value = rule.priority { existing.priority = value }
      case "enabled":
        if let value = rule.enabled { existing.enabled = value }
      case "source":
        if let value = rule.source { existing.source = value }
      case "burst":
        existing.burst = rule.burst
      case "exceptions":
        let value = rule.exceptions ?? []
        if mode == .replace {
          guard validateNewExceptions(value, rule: rule.name) else { return }
          existing.exceptions = value
        } else {
          guard let merged = mergeExceptions(existing.exceptions, value, rule: rule.name) else {
            return
          }
          existing.exceptions = merged
        }
      default:
        continue
      }
    }
    updateRule(rule.name) { $0 = existing }
  }

  /// Appending exceptions: values of a same-named exception are added; new names are new
  /// exceptions.
  private mutating func mergeExceptions(
    _ current: [ExceptionEntry], _ added: [ExceptionEntry], rule: String
  ) -> [ExceptionEntry]? {
    var result = current
    for exception in added {
      if let i = result.firstIndex(where: { $0.name == exception.name }) {
        if exception.fields != nil || exception.comps != nil {
          addDiagnostic(
            .invalidException, exception.location,
            "exception '\(exception.name)' of rule '\(rule)' exists: appending may only add values")
          return nil
        }
        if exception.values.isEmpty {
          addDiagnostic(
            .appendNoValues, exception.location,
            "exception '\(exception.name)' of rule '\(rule)' appends no values")
        }
        result[i].values += exception.values
      } else {
        guard validateNewExceptions([exception], rule: rule) else { return nil }
        result.append(exception)
      }
    }
    return result
  }

  /// Checks that new exceptions have fields and matching comps/values shapes.
  private mutating func validateNewExceptions(_ exceptions: [ExceptionEntry], rule: String) -> Bool {
    var names: Set<String> = []
    for exception in exceptions {
      if !names.insert(exception.name).inserted {
        addDiagnostic(
          .invalidException, exception.location,
          "multiple exceptions of rule '\(rule)' are named '\(exception.name)'",
          severity: .warning)
      }
      guard let fields = exception.fields else {
        addDiagnostic(
          .invalidException, exception.location,
          "exception '\(exception.name)' of rule '\(rule)' has no 'fields'")
        return false
      }
      switch fields {
      case .single:
        if let comps = exception.comps, comps.count != 1 {
          addDiagnostic(
            .invalidException, exception.location,
            "exception '\(exception.name)': 'fields' is a single field, so 'comps' must be one operator"
          )
          return false
        }
        for row in exception.values where row.count != 1 {
          addDiagnostic(
            .invalidException, exception.location,
            "exception '\(exception.name)': with a single field, each value must be a single value")
          return false
        }
      case .tuple(let names):
        if let comps = exception.comps, comps.count != names.count {
          addDiagnostic(
            .invalidException, exception.location,
            "exception '\(exception.name)': fields and comps lists must have equal length")
          return false
        }
        for row in exception.values where row.count != names.count {
          addDiagnostic(
            .invalidException, exception.location,
            "exception '\(exception.name)': fields and values lists must have equal length")
          return false
        }
      }
    }
    return true
  }
}
