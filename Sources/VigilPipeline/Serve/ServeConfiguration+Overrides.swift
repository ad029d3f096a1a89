import Foundation

/// The environment and the flags on top of the file: `VIGIL_<KEY>` and `--<key>` for each option,
/// `VIGIL_SINK_<NAME>_<OPTION>` and `--sink kind:name,key=value,…` for sinks.
extension ConfigResolution {
  /// The prefix of sink environment variables.
  static let sinkEnvironmentPrefix = "VIGIL_SINK_"
  /// Sink options whose values are lists: in a `--sink` spec a bare item continues them.
  static let sinkListKeys: Set<String> = ["rules", "excludeRules", "tags", "headers"]

  /// Applies every `VIGIL_*` variable that names an option or a sink option; other variables
  /// (also other `VIGIL_*` ones) are ignored.
  mutating func applyEnvironment(_ environment: [String: String]) throws(ConfigurationError) {
    for option in ServeConfiguration.options {
      guard let value = environment[option.environment] else { continue }
      try set(option, .text(value, at: .environment(option.environment), path: option.key))
    }
    var bySink:
      [String: [(variable: String, option: ServeConfiguration.SinkOption, value: String)]] = [:]
    for (variable, value) in environment where variable.hasPrefix(Self.sinkEnvironmentPrefix) {
      let rest = String(variable.dropFirst(Self.sinkEnvironmentPrefix.count))
      let (token, option) = try sinkVariable(variable, rest: rest)
      bySink[token, default: []].append((variable, option, value))
    }
    for token in bySink.keys.sorted() {
      // `type` first, so a new sink exists before its other options are set.
      let settings = (bySink[token] ?? []).sorted {
        ($0.option.key == "type" ? 0 : 1, $0.variable) < (
          $1.option.key == "type" ? 0 : 1, $1.variable
        )
      }
      for setting in settings {
        let location = ConfigurationError.Location.environment(setting.variable)
        let index = try sinkIndex(
          token: token, creating: setting.option.key == "type", at: location,
          newName: token.lowercased().replacingOccurrences(of: "_", with: "-"))
        guard var draft = sinks?[index] else { continue }
        let input = ConfigInput.text(
          setting.value, at: location, path: "\(draft.path).\(setting.option.key)")
        try Self.set(setting.option, input, on: &draft)
        sinks?[index] = draft
      }
    }
  }

  /// Splits `SOC_MINIMUM_PRIORITY` into the sink token `SOC` and the option: a token naming an
  /// existing sink wins, then the longest option suffix.
  private func sinkVariable(_ variable: String, rest: String) throws(ConfigurationError) -> (
    String, ServeConfiguration.SinkOption
  ) {
    let existing = Set((sinks ?? []).map { Self.environmentToken($0.sink.name) })
    var matches: [(String, ServeConfiguration.SinkOption)] = []
    for option in ServeConfiguration.sinkOptions {
      let suffix = "_" + option.environmentSuffix
      guard rest.hasSuffix(suffix), rest.count > suffix.count else { continue }
      matches.append((String(rest.dropLast(suffix.count)), option))
    }
    if let match = matches.first(where: { existing.contains($0.0) })
      ?? matches.max(by: { $0.1.environmentSuffix.count < $1.1.environmentSuffix.count })
    {
      return match
    }
    let suffixes = ServeConfiguration.sinkOptions.map(\.environmentSuffix)
    let parts = rest.split(separator: "_").map(String.init)
    var hint = ""
    for start in parts.indices.dropFirst() where hint.isEmpty {
      hint = KeySuggestion.hint(for: parts[start...].joined(separator: "_"), in: suffixes)
    }
    throw ConfigurationError(
      .unknownKey, at: .environment(variable),
      "\(variable): expected VIGIL_SINK_<NAME>_<OPTION> with OPTION one of "
        + "\(suffixes.joined(separator: ", "))\(hint)")
  }

  /// The index of the sink whose environment token is `token`, adding it when `creating`.
  private mutating func sinkIndex(
    token: String, creating: Bool, at location: ConfigurationError.Location, newName: String
  ) throws(ConfigurationError) -> Int {
    if let index = (sinks ?? []).firstIndex(where: { Self.environmentToken($0.sink.name) == token })
    {
      return index
    }
    guard creating else {
      throw ConfigurationError(
        .missingValue, at: location,
        "no sink named \(newName): set VIGIL_SINK_\(token)_TYPE to add one")
    }
    let draft = SinkDraft(
      sink: SinkConfiguration(name: newName, kind: .stdout), location: location,
      path: "sinks[\(newName)]")
    sinks = (sinks ?? []) + [draft]
    return (sinks?.count ?? 1) - 1
  }

  /// A sink name as environment variables spell it: upper case, other than letters and digits `_`.
  static func environmentToken(_ name: String) -> String {
    String(name.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
  }

  /// Applies flags (names without dashes) by the option table.
  mutating func applyFlags(_ flags: [String: String]) throws(ConfigurationError) {
    for (given, value) in flags.sorted(by: { $0.key < $1.key }) {
      let name = given.hasPrefix("--") ? String(given.dropFirst(2)) : given
      guard let option = ServeConfiguration.options.first(where: { $0.flag == name }) else {
        let known = ServeConfiguration.options.map(\.flag)
        throw ConfigurationError(
          .unknownKey, at: .flag(name),
          "--\(name) is not an option of vigil serve\(KeySuggestion.hint(for: name, in: known))")
      }
      try set(option, .text(value, at: .flag(name), path: option.key))
    }
  }

  /// Applies one `--sink kind[:name][,key=value…]` spec; a spec naming an existing sink changes
  /// its kind and options, otherwise it adds a sink.
  mutating func applySinkSpec(_ spec: String) throws(ConfigurationError) {
    let location = ConfigurationError.Location.flag("sink")
    var parts = spec.split(separator: ",", omittingEmptySubsequences: false).map {
      String($0).trimmingSpaces
    }
    let head = parts.isEmpty ? "" : parts.removeFirst()
    let kindText = String(head.prefix { $0 != ":" })
    let kind = try ConfigValue.sinkKind(.text(kindText, at: location, path: "--sink \(spec)"))
    let nameText = head.dropFirst(kindText.count + 1).trimmingSpaces
    let name = nameText.isEmpty ? kind.rawValue : nameText
    let path = "sinks[\(name)]"

    var assignments: [(key: String, values: [String])] = []
    for part in parts where !part.isEmpty {
      if let equals = part.firstIndex(of: "=") {
        let key = String(part[..<equals]).trimmingSpaces
        let value = String(part[part.index(after: equals)...]).trimmingSpaces
        if let index = assignments.firstIndex(where: { $0.key == key }) {
          guard Self.sinkListKeys.contains(key) else {
            throw ConfigurationError(.duplicateKey, at: location, "\(path).\(key): given twice")
          }
          assignments[index].values.append(value)
        } else {
          assignments.append((key, [value]))
        }
      } else if let last = assignments.indices.last,
        Self.sinkListKeys.contains(assignments[last].key)
      {
        assignments[last].values.append(part)
      } else {
        throw ConfigurationError(
          .invalidValue, at: location,
          "--sink \(spec): \"\(part)\" is not key=value (e.g. webhook:soc,url=https://…,tags=T1609)"
        )
      }
    }

    var draft: SinkDraft
    let existing = (sinks ?? []).firstIndex { $0.sink.name == name }
    if let existing, let found = sinks?[existing] {
      draft = found
      draft.sink.kind = kind
    } else {
      draft = SinkDraft(
        sink: SinkConfiguration(name: name, kind: kind), location: location, path: path)
    }
    draft.origins["type"] = location
    for (key, values) in assignments {
      guard key != "type", let option = ServeConfiguration.sinkOption(key: key) else {
        let known = ServeConfiguration.sinkOptions.map(\.key).filter { $0 != "type" }
        throw ConfigurationError(
          .unknownKey, at: location,
          "\(path).\(key): no such sink option\(KeySuggestion.hint(for: key, in: known))")
      }
      let raw: ConfigInput.Raw = values.count == 1 ? .text(values[0]) : .list(values)
      let input = ConfigInput(
        raw: values == [""] ? .null : raw, location: location, path: "\(path).\(key)",
        splitsLists: true)
      try Self.set(option, input, on: &draft)
    }
    if let existing {
      sinks?[existing] = draft
    } else {
      sinks = (sinks ?? []) + [draft]
    }
  }
}
