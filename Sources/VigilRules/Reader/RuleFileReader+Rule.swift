import VigilCore

extension RuleFileReader {
  /// Keys whose value `override: append` may extend, and those `override: replace` may set.
  static let ruleAppendable: Set<String> = ["condition", "output", "desc", "tags", "exceptions"]
  static let ruleReplaceable: Set<String> = [
    "condition", "output", "desc", "priority", "tags", "exceptions", "enabled", "warn_evttypes",
    "skip-if-unknown-filter", "capture", "capture_duration", "burst", "source",
  ]

  mutating func readRule(_ node: YAMLNode, name: YAMLNode, pairs: [YAMLPair]) -> RuleEntry? {
    checkRuleKeys(pairs)
    guard let ruleName = name.scalarText, !ruleName.isEmpty else {
      record(.invalidItem, name.location, "rule name must be a non-empty string")
      return nil
    }
    var entry = RuleEntry(
      name: ruleName, location: node.location, append: false, override: [:],
      presentKeys: Set(pairs.map(\.key)).subtracting(["rule", "append", "override"]))
    var ok = true
    for pair in pairs {
      let value = pair.value
      switch pair.key {
      case "desc":
        entry.desc = scalar(value, key: "desc")
        ok = ok && entry.desc != nil
      case "condition":
        guard let text = scalar(value, key: "condition") else { ok = false; continue }
        entry.condition = ConditionSource(
          text: text, positions: value.positions ?? .fixed(value.location))
      case "output":
        guard let text = scalar(value, key: "output") else { ok = false; continue }
        entry.output = ConditionSource(
          text: text.trimmingSpaces, positions: value.positions ?? .fixed(value.location))
      case "priority":
        guard let text = scalar(value, key: "priority") else { ok = false; continue }
        guard let severity = Severity(parsing: text) else {
          record(
            .badPriority, value.location,
            "invalid priority '\(text)': use one of EMERGENCY, ALERT, CRITICAL, ERROR, WARNING, NOTICE, INFO, DEBUG"
          )
          ok = false
          continue
        }
        entry.priority = severity
      case "tags":
        guard let tags = strings(value, key: "tags") else { ok = false; continue }
        entry.tags = tags.map(\.text)
      case "source":
        entry.source = scalar(value, key: "source")
        ok = ok && entry.source != nil
      case "enabled":
        guard let flag = value.boolValue else {
          record(.invalidItem, value.location, "value of 'enabled' must be true or false")
          ok = false
          continue
        }
        entry.enabled = flag
      case "append":
        guard let flag = value.boolValue else {
          record(.invalidItem, value.location, "value of 'append' must be true or false")
          ok = false
          continue
        }
        entry.append = flag
      case "exceptions":
        guard let exceptions = readExceptions(value) else { ok = false; continue }
        entry.exceptions = exceptions
      case "burst":
        guard let burst = readBurst(value) else { ok = false; continue }
        entry.burst = burst
      default:
        continue
      }
    }
    if let overrideNode = node["override"] {
      guard let modes = ruleOverrides(overrideNode) else { return nil }
      entry.override = modes
    }
    return ok ? entry : nil
  }

  private mutating func checkRuleKeys(_ pairs: [YAMLPair]) {
    for pair in pairs where !Self.ruleKeys.contains(pair.key) {
      let suggestions = Self.ruleKeys.filter { editDistance($0, pair.key) <= 2 }.sorted()
      record(.unknownKey, pair.keyLocation, "unknown key '\(pair.key)' in rule", suggestions)
    }
  }

  private mutating func ruleOverrides(_ node: YAMLNode) -> [String: OverrideMode]? {
    guard let pairs = node.mappingPairs else {
      record(.invalidOverride, node.location, "'override' must be a mapping of key: append|replace")
      return nil
    }
    var result: [String: OverrideMode] = [:]
    for pair in pairs {
      guard let text = pair.value.scalarText, let mode = OverrideMode(rawValue: text) else {
        record(
          .invalidOverride, pair.value.location, "override of '\(pair.key)' must be append or replace")
        return nil
      }
      let allowed = mode == .append ? Self.ruleAppendable : Self.ruleReplaceable
      guard allowed.contains(pair.key) else {
        record(
          .invalidOverride, pair.keyLocation,
          "key '\(pair.key)' cannot be overridden with \(mode.rawValue)")
        return nil
      }
      result[pair.key] = mode
    }
    return result
  }

  // MARK: Exceptions

  private mutating func readExceptions(_ node: YAMLNode) -> [ExceptionEntry]? {
    if node.isNull { return [] }
    guard let entries = node.sequenceItems else {
      record(.invalidException, node.location, "'exceptions' must be a sequence")
      return nil
    }
    var result: [ExceptionEntry] = []
    for entry in entries {
      guard entry.mappingPairs != nil else {
        record(.invalidException, entry.location, "each exception must be a mapping")
        return nil
      }
      guard let name = entry["name"]?.scalarText, !name.isEmpty else {
        record(.invalidException, entry.location, "exception has no 'name'")
        return nil
      }
      for pair in entry.mappingPairs ?? []
      where !["name", "fields", "comps", "values"].contains(pair.key) {
        record(.unknownKey, pair.keyLocation, "unknown key '\(pair.key)' in exception")
      }
      var exception = ExceptionEntry(
        name: name, location: entry.location, fields: nil, comps: nil, values: [])
      if let fields = entry["fields"] {
        if let text = fields.scalarText {
          exception.fields = .single(ListItem(text: text, location: fields.location))
        } else if let items = strings(fields, key: "fields") {
          exception.fields = .tuple(items)
        } else {
          return nil
        }
      }
      if let comps = entry["comps"] {
        if let text = comps.scalarText {
          exception.comps = [ListItem(text: text, location: comps.location)]
        } else if let items = strings(comps, key: "comps") {
          exception.comps = items
        } else {
          return nil
        }
      }
      if let values = entry["values"], !values.isNull {
        guard let rows = values.sequenceItems else {
          record(.invalidException, values.location, "exception 'values' must be a sequence")
          return nil
        }
        for row in rows {
          guard let value = exceptionRow(row) else { return nil }
          exception.values.append(value)
        }
      }
      result.append(exception)
    }
    return result
  }

  private mutating func exceptionRow(_ row: YAMLNode) -> [ExceptionEntry.Value]? {
    if let text = row.scalarText {
      return [.item(ListItem(text: text, location: row.location))]
    }
    guard let cells = row.sequenceItems else {
      record(.invalidException, row.location, "exception values must be scalars or sequences")
      return nil
    }
    var values: [ExceptionEntry.Value] = []
    for cell in cells {
      if let text = cell.scalarText {
        values.append(.item(ListItem(text: text, location: cell.location)))
      } else if let items = strings(cell, key: "values") {
        values.append(.list(items))
      } else {
        return nil
      }
    }
    return values
  }

  // MARK: Burst

  private mutating func readBurst(_ node: YAMLNode) -> BurstSpec? {
    guard node.mappingPairs != nil else {
      record(.invalidBurst, node.location, "'burst' must be a mapping {count, window, by}")
      return nil
    }
    for pair in node.mappingPairs ?? [] where !["count", "window", "by"].contains(pair.key) {
      record(.invalidBurst, pair.keyLocation, "unknown key '\(pair.key)' in burst")
      return nil
    }
    guard let countNode = node["count"], let countText = countNode.scalarText,
      let count = Int(countText), count >= 1
    else {
      record(.invalidBurst, node["count"]?.location ?? node.location, "burst 'count' must be an integer ≥ 1")
      return nil
    }
    guard let windowNode = node["window"], let windowText = windowNode.scalarText,
      let window = BurstSpec.parseWindow(windowText)
    else {
      record(
        .invalidBurst, node["window"]?.location ?? node.location,
        "burst 'window' must be a duration such as 30s, 5m or 1h")
      return nil
    }
    var by: [String] = []
    if let byNode = node["by"] {
      if let text = byNode.scalarText {
        by = [text]
      } else if let items = strings(byNode, key: "by") {
        by = items.map(\.text)
      } else {
        return nil
      }
    }
    return BurstSpec(count: count, window: window, by: by)
  }

  // MARK: Helpers

  private mutating func record(
    _ code: RuleDiagnostic.Code, _ location: SourceLocation, _ message: String,
    _ suggestions: [String] = []
  ) {
    appendDiagnostic(RuleDiagnostic(code, at: location, message, suggestions: suggestions))
  }

  private mutating func scalar(_ node: YAMLNode, key: String) -> String? {
    guard let text = node.scalarText else {
      record(.invalidItem, node.location, "value of '\(key)' must be a string, not \(node.kindName)")
      return nil
    }
    return text
  }

  private mutating func strings(_ node: YAMLNode, key: String) -> [ListItem]? {
    if node.isNull { return [] }
    guard let entries = node.sequenceItems else {
      record(.invalidItem, node.location, "value of '\(key)' must be a sequence, not \(node.kindName)")
      return nil
    }
    var result: [ListItem] = []
    for entry in entries {
      guard let text = entry.scalarText else {
        record(.invalidItem, entry.location, "items of '\(key)' must be strings, not \(entry.kindName)")
        return nil
      }
      result.append(ListItem(text: text, location: entry.location))
    }
    return result
  }
}
