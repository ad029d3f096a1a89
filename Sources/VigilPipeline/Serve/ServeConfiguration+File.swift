import Yams

/// Reads `vigil serve`'s YAML config file with Yams' node API, so every error carries
/// `file:line:column`; unknown keys are errors with a "did you mean".
struct ConfigFileReader {
  /// The file's path, as messages print it.
  let path: String

  /// Applies the settings of `text` to `resolution`.
  func read(_ text: String, into resolution: inout ConfigResolution) throws(ConfigurationError) {
    var roots: [Node] = []
    do {
      let parser = try Parser(yaml: text)
      while let root = try parser.nextRoot() { roots.append(root) }
    } catch let error as YamlError {
      throw syntaxError(error)
    } catch {
      throw ConfigurationError(.invalidYAML, at: location(nil), "\(error)")
    }
    guard roots.count <= 1 else {
      throw ConfigurationError(
        .invalidYAML, at: location(roots[1].mark),
        "one YAML document expected, found \(roots.count)")
    }
    guard let root = roots.first, !isNull(root) else { return }
    guard case .mapping(let mapping) = root else {
      throw ConfigurationError(
        .wrongType, at: location(root.mark), "the configuration must be a mapping of keys")
    }
    try readSection(mapping, prefix: "", into: &resolution)
  }

  /// Reads the keys of one mapping: options, sections (recursively) and `sinks`.
  private func readSection(
    _ mapping: Node.Mapping, prefix: String, into resolution: inout ConfigResolution
  ) throws(ConfigurationError) {
    var seen = Set<String>()
    for (keyNode, value) in mapping {
      let key = try keyText(keyNode, seen: &seen, prefix: prefix)
      let path = prefix.isEmpty ? key : "\(prefix).\(key)"
      if let option = ServeConfiguration.option(key: path) {
        try resolution.set(option, input(value, path: path))
      } else if path == "sinks" {
        resolution.sinks = try readSinks(value)
      } else if Self.children(of: prefix).contains(key) {
        if isNull(value) { continue }
        guard case .mapping(let section) = value else {
          throw ConfigurationError(
            .wrongType, at: location(value.mark), "\(path): expected a mapping of \(path) options")
        }
        try readSection(section, prefix: path, into: &resolution)
      } else {
        let known = Self.children(of: prefix)
        let place = prefix.isEmpty ? "" : " in \(prefix)"
        throw ConfigurationError(
          .unknownKey, at: location(keyNode.mark),
          "\(path): no such key\(place)\(KeySuggestion.hint(for: key, in: known))")
      }
    }
  }

  /// The keys directly under `prefix` (`tls` → `certificate`, `key`, `clientCA`, …).
  static func children(of prefix: String) -> [String] {
    var names: [String] = []
    for option in ServeConfiguration.options {
      let rest: Substring
      if prefix.isEmpty {
        rest = Substring(option.key)
      } else if option.key.hasPrefix(prefix + ".") {
        rest = option.key.dropFirst(prefix.count + 1)
      } else {
        continue
      }
      let name = String(rest.prefix { $0 != "." })
      if !names.contains(name) { names.append(name) }
    }
    if prefix.isEmpty { names.append("sinks") }
    return names
  }

  /// The sequence of sink mappings.
  private func readSinks(_ node: Node) throws(ConfigurationError) -> [SinkDraft] {
    if isNull(node) { return [] }
    guard case .sequence(let items) = node else {
      throw ConfigurationError(
        .wrongType, at: location(node.mark), "sinks: expected a list of sink mappings")
    }
    var drafts: [SinkDraft] = []
    for (index, item) in items.enumerated() {
      drafts.append(try readSink(item, path: "sinks[\(index)]"))
    }
    return drafts
  }

  /// One sink mapping: `type` (required), `name` (default: the type) and the sink options.
  private func readSink(_ node: Node, path: String) throws(ConfigurationError) -> SinkDraft {
    guard case .mapping(let mapping) = node else {
      throw ConfigurationError(
        .wrongType, at: location(node.mark), "\(path): expected a mapping (name, type, …)")
    }
    guard let typeNode = mapping["type"] else {
      throw ConfigurationError(
        .missingValue, at: location(node.mark),
        "\(path).type: needs a value (\(SinkConfiguration.Kind.allCases.map(\.rawValue).joined(separator: ", ")))"
      )
    }
    let kind = try ConfigValue.sinkKind(input(typeNode, path: "\(path).type"))
    var name = kind.rawValue
    if let nameNode = mapping["name"] {
      name = try ConfigValue.text(input(nameNode, path: "\(path).name"))
    }
    var draft = SinkDraft(
      sink: SinkConfiguration(name: name, kind: kind), location: location(node.mark), path: path)
    draft.origins["type"] = location(typeNode.mark)
    var seen = Set<String>()
    for (keyNode, value) in mapping {
      let key = try keyText(keyNode, seen: &seen, prefix: path)
      if key == "name" || key == "type" { continue }
      guard let option = ServeConfiguration.sinkOption(key: key) else {
        let known = ["name"] + ServeConfiguration.sinkOptions.map(\.key)
        throw ConfigurationError(
          .unknownKey, at: location(keyNode.mark),
          "\(path).\(key): no such sink option\(KeySuggestion.hint(for: key, in: known))")
      }
      try ConfigResolution.set(option, input(value, path: "\(path).\(key)"), on: &draft)
    }
    if seen.contains("secret"), seen.contains("secretFile") {
      throw ConfigurationError(
        .conflict, at: location(node.mark), "\(path): set secret or secretFile, not both")
    }
    return draft
  }

  /// A mapping key's text, refusing non-text and repeated keys.
  private func keyText(_ node: Node, seen: inout Set<String>, prefix: String)
    throws(ConfigurationError) -> String
  {
    guard case .scalar(let scalar) = node else {
      throw ConfigurationError(
        .wrongType, at: location(node.mark),
        "\(prefix.isEmpty ? "keys" : "\(prefix) keys") must be text")
    }
    guard seen.insert(scalar.string).inserted else {
      let path = prefix.isEmpty ? scalar.string : "\(prefix).\(scalar.string)"
      throw ConfigurationError(.duplicateKey, at: location(node.mark), "\(path): given twice")
    }
    return scalar.string
  }

  /// A value node as an option input.
  private func input(_ node: Node, path: String) -> ConfigInput {
    let raw: ConfigInput.Raw
    switch node {
    case .scalar(let scalar):
      raw = isNull(node) ? .null : .text(scalar.string)
    case .sequence(let sequence):
      var items: [String] = []
      var allText = true
      for item in sequence {
        if case .scalar(let scalar) = item { items.append(scalar.string) } else { allText = false }
      }
      raw = allText ? .list(items) : .other("a list of non-text items")
    case .mapping(let mapping):
      var pairs: [(String, String)] = []
      var allText = true
      for (key, value) in mapping {
        if case .scalar(let k) = key, case .scalar(let v) = value {
          pairs.append((k.string, v.string))
        } else {
          allText = false
        }
      }
      raw = allText ? .pairs(pairs) : .other("a nested mapping")
    case .alias:
      raw = .other("an alias")
    }
    return ConfigInput(raw: raw, location: location(node.mark), path: path, splitsLists: false)
  }

  /// True for `~`, `null` and empty plain scalars.
  private func isNull(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else {
      return false
    }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  private func location(_ mark: Mark?) -> ConfigurationError.Location {
    .file(path: path, line: mark?.line ?? 0, column: mark?.column ?? 0)
  }

  private func syntaxError(_ error: YamlError) -> ConfigurationError {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let prefix = context.map { $0.text + ": " } ?? ""
      return ConfigurationError(.invalidYAML, at: location(mark), "\(prefix)\(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.sorted().joined(separator: ", ")
      return ConfigurationError(
        .duplicateKey, at: location(context.mark), "\(keys): given twice in one mapping")
    default:
      return ConfigurationError(.invalidYAML, at: location(nil), "\(error)")
    }
  }
}
