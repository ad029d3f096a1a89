/// Reader, the first stage of Falco's chain: YAML text → `RuleFileItem`s with source locations,
/// checking each item's shape (as Falco's `rule_loader_reader` does) but not cross-references.
struct RuleFileReader {
  /// Keys each item kind accepts (Falco's, plus Vigil's `burst`).
  static let ruleKeys: Set<String> = [
    "rule", "desc", "condition", "output", "priority", "tags", "source", "enabled", "exceptions",
    "append", "override", "warn_evttypes", "skip-if-unknown-filter", "capture",
    "capture_duration", "burst",
  ]
  static let macroKeys: Set<String> = ["macro", "condition", "append", "override"]
  static let listKeys: Set<String> = ["list", "items", "append", "override"]

  /// Items read so far.
  private(set) var items: [RuleFileItem] = []
  /// Problems found so far.
  private(set) var diagnostics: [RuleDiagnostic] = []

  /// Reads one file's text.
  mutating func read(text: String, file: String) {
    let (documents, error) = YAMLDocumentReader.read(text: text, file: file)
    if let error {
      diagnostics.append(error)
      return
    }
    for document in documents {
      if document.isNull { continue }
      guard let entries = document.sequenceItems else {
        fail(.invalidItem, document.location, "rules content is not yaml array of objects")
        continue
      }
      for entry in entries { readEntry(entry) }
    }
  }

  /// Records a diagnostic.
  mutating func appendDiagnostic(_ diagnostic: RuleDiagnostic) {
    diagnostics.append(diagnostic)
  }

  private mutating func fail(
    _ code: RuleDiagnostic.Code, _ location: SourceLocation, _ message: String
  ) {
    diagnostics.append(RuleDiagnostic(code, at: location, message))
  }

  private mutating func readEntry(_ node: YAMLNode) {
    guard let pairs = node.mappingPairs else {
      fail(
        .invalidItem, node.location,
        "unexpected element type: each element should be a yaml associative array")
      return
    }
    if let value = node["required_engine_version"] {
      items.append(
        RuleFileItem(kind: .requiredEngineVersion(value.scalarText ?? ""), location: node.location))
    } else if node["required_plugin_versions"] != nil {
      items.append(RuleFileItem(kind: .requiredPluginVersions, location: node.location))
    } else if let name = node["list"] {
      guard let list = readList(node, name: name, pairs: pairs) else { return }
      items.append(RuleFileItem(kind: .list(list), location: node.location))
    } else if let name = node["macro"] {
      guard let macro = readMacro(node, name: name, pairs: pairs) else { return }
      items.append(RuleFileItem(kind: .macro(macro), location: node.location))
    } else if let name = node["rule"] {
      guard let rule = readRule(node, name: name, pairs: pairs) else { return }
      items.append(RuleFileItem(kind: .rule(rule), location: node.location))
    } else {
      let key = pairs.first?.key ?? ""
      diagnostics.append(
        RuleDiagnostic(
          .unknownItem, at: pairs.first?.keyLocation ?? node.location,
          "unknown top level object '\(key)'"))
    }
  }

  // MARK: Common pieces

  private mutating func checkKeys(_ pairs: [YAMLPair], allowed: Set<String>, kind: String) {
    for pair in pairs where !allowed.contains(pair.key) {
      let suggestions = allowed.filter { editDistance($0, pair.key) <= 2 }.sorted()
      diagnostics.append(
        RuleDiagnostic(
          .unknownKey, at: pair.keyLocation, "unknown key '\(pair.key)' in \(kind)",
          suggestions: suggestions))
    }
  }

  private mutating func name(_ node: YAMLNode, kind: String) -> String? {
    guard let text = node.scalarText, !text.isEmpty else {
      fail(.invalidItem, node.location, "\(kind) name must be a non-empty string")
      return nil
    }
    if !Self.isIdentifier(text) {
      fail(
        .invalidName, node.location,
        "\(kind) name '\(text)' is not an identifier ([a-zA-Z_][a-zA-Z0-9_]*), so conditions cannot use it")
    }
    return text
  }

  /// True for `[a-zA-Z_][a-zA-Z0-9_]*`.
  static func isIdentifier(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, first.isASCII,
      first.properties.isAlphabetic || first == "_"
    else { return false }
    return text.unicodeScalars.allSatisfy {
      $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
    }
  }

  private mutating func string(_ node: YAMLNode, key: String) -> String? {
    guard let text = node.scalarText else {
      fail(.invalidItem, node.location, "value of '\(key)' must be a string, not \(node.kindName)")
      return nil
    }
    return text
  }

  private mutating func bool(_ node: YAMLNode?, key: String) -> Bool? {
    guard let node else { return nil }
    guard let value = node.boolValue else {
      fail(.invalidItem, node.location, "value of '\(key)' must be true or false")
      return nil
    }
    return value
  }

  private mutating func condition(_ node: YAMLNode, key: String) -> ConditionSource? {
    guard let text = string(node, key: key) else { return nil }
    return ConditionSource(text: text, positions: node.positions ?? .fixed(node.location))
  }

  private mutating func stringList(_ node: YAMLNode, key: String) -> [ListItem]? {
    if node.isNull { return [] }
    guard let entries = node.sequenceItems else {
      fail(.invalidItem, node.location, "value of '\(key)' must be a sequence, not \(node.kindName)")
      return nil
    }
    var result: [ListItem] = []
    for entry in entries {
      guard let text = entry.scalarText else {
        fail(.invalidItem, entry.location, "items of '\(key)' must be strings, not \(entry.kindName)")
        return nil
      }
      result.append(ListItem(text: text, location: entry.location))
    }
    return result
  }

  private mutating func overrides(
    _ node: YAMLNode?, append: Set<String>, replace: Set<String>
  ) -> [String: OverrideMode]? {
    guard let node else { return [:] }
    guard let pairs = node.mappingPairs else {
      fail(.invalidOverride, node.location, "'override' must be a mapping of key: append|replace")
      return nil
    }
    var result: [String: OverrideMode] = [:]
    for pair in pairs {
      guard let text = pair.value.scalarText, let mode = OverrideMode(rawValue: text) else {
        fail(.invalidOverride, pair.value.location, "override of '\(pair.key)' must be append or replace")
        return nil
      }
      let allowed = mode == .append ? append : replace
      guard allowed.contains(pair.key) else {
        fail(
          .invalidOverride, pair.keyLocation,
          "key '\(pair.key)' cannot be overridden with \(mode.rawValue)")
        return nil
      }
      result[pair.key] = mode
    }
    return result
  }

  // MARK: Lists and macros

  private mutating func readList(_ node: YAMLNode, name: YAMLNode, pairs: [YAMLPair]) -> ListEntry? {
    checkKeys(pairs, allowed: Self.listKeys, kind: "list")
    guard let listName = self.name(name, kind: "list") else { return nil }
    let items: [ListItem]?
    if let node = node["items"] {
      guard let read = stringList(node, key: "items") else { return nil }
      items = read
    } else {
      items = nil
    }
    guard let override = overrides(node["override"], append: ["items"], replace: ["items"]) else {
      return nil
    }
    let append = bool(node["append"], key: "append") ?? false
    if items == nil && override.isEmpty {
      fail(.invalidItem, node.location, "list '\(listName)' has no 'items'")
      return nil
    }
    return ListEntry(
      name: listName, location: node.location, items: items, append: append, override: override)
  }

  private mutating func readMacro(
    _ node: YAMLNode, name: YAMLNode, pairs: [YAMLPair]
  ) -> MacroEntry? {
    checkKeys(pairs, allowed: Self.macroKeys, kind: "macro")
    guard let macroName = self.name(name, kind: "macro") else { return nil }
    guard let conditionNode = node["condition"] else {
      fail(.invalidItem, node.location, "macro '\(macroName)' has no 'condition'")
      return nil
    }
    guard let condition = condition(conditionNode, key: "condition"),
      let override = overrides(node["override"], append: ["condition"], replace: ["condition"])
    else { return nil }
    return MacroEntry(
      name: macroName, location: node.location, condition: condition,
      append: bool(node["append"], key: "append") ?? false, override: override)
  }
}
