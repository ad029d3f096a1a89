import Logging
import VigilCore

/// Parsers from ``ConfigInput`` to the typed values of options; each error names the key path.
enum ConfigValue {
  /// Text that must be present.
  static func text(_ input: ConfigInput) throws(ConfigurationError) -> String {
    switch input.raw {
    case .text(let text): return text
    case .null: throw input.error(.missingValue, "needs a value")
    default: throw input.error(.wrongType, "expected text, found \(input.shapeName)")
    }
  }

  /// Text, or nil for null (which clears an optional).
  static func optionalText(_ input: ConfigInput) throws(ConfigurationError) -> String? {
    if case .null = input.raw { return nil }
    return try text(input)
  }

  /// A list: a YAML sequence or one scalar; comma-separated text from the environment and flags.
  static func list(_ input: ConfigInput) throws(ConfigurationError) -> [String] {
    switch input.raw {
    case .list(let items): return items
    case .null: return []
    case .text(let text) where input.splitsLists:
      return text.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    case .text(let text): return [text]
    default: throw input.error(.wrongType, "expected a list, found \(input.shapeName)")
    }
  }

  /// Threat feed specs: a list in the file; in the environment and flags separated by `;`
  /// (a spec's own options use commas). Each must look like `NAME=LOCATION[,key=value…]`.
  static func feedList(_ input: ConfigInput) throws(ConfigurationError) -> [String] {
    let items: [String]
    switch input.raw {
    case .list(let list): items = list
    case .null: items = []
    case .text(let text) where input.splitsLists:
      items = text.split(separator: ";").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    case .text(let text): items = [text]
    default: throw input.error(.wrongType, "expected a list, found \(input.shapeName)")
    }
    for item in items {
      let head = item.split(separator: ",", maxSplits: 1).first ?? ""
      guard let equals = head.firstIndex(of: "="), equals != head.startIndex,
        head.index(after: equals) != head.endIndex
      else {
        throw input.error(
          .invalidValue, "\"\(item)\" is not NAME=PATH_OR_URL[,format=text|csv|stix][,column=C]")
      }
    }
    return items
  }

  /// Sensitivities: a list of `NAMESPACE=FACTOR` with a factor ≥ 0.
  static func sensitivityList(_ input: ConfigInput) throws(ConfigurationError) -> [String] {
    try assignments(input, form: "NAMESPACE=FACTOR (e.g. payments=2, sandbox=0)") {
      Double($0).map { $0 >= 0 } ?? false
    }
  }

  /// Zone overrides: a list of `NAMESPACE=ZONE`.
  static func zoneList(_ input: ConfigInput) throws(ConfigurationError) -> [String] {
    try assignments(input, form: "NAMESPACE=ZONE (e.g. payments=prod)") { !$0.isEmpty }
  }

  /// A list of `NAME=VALUE` items whose name is not empty and whose value passes `valid`.
  private static func assignments(
    _ input: ConfigInput, form: String, valid: (Substring) -> Bool
  ) throws(ConfigurationError) -> [String] {
    let items = try list(input)
    for item in items {
      let parts = item.split(separator: "=", omittingEmptySubsequences: false)
      guard parts.count == 2, !parts[0].isEmpty, valid(parts[1]) else {
        throw input.error(.invalidValue, "\"\(item)\" is not \(form)")
      }
    }
    return items
  }

  /// `true`/`false` (also `yes`/`no`, `on`/`off`, `1`/`0`).
  static func bool(_ input: ConfigInput) throws(ConfigurationError) -> Bool {
    let value = try text(input)
    switch value.lowercased() {
    case "true", "yes", "on", "1": return true
    case "false", "no", "off", "0": return false
    default: throw input.error(.invalidValue, "\"\(value)\" is not a boolean (true or false)")
    }
  }

  /// A whole number within `range`.
  static func integer(_ input: ConfigInput, in range: ClosedRange<Int>) throws(ConfigurationError)
    -> Int
  {
    let value = try text(input)
    guard let number = Int(value.replacingUnderscores) else {
      throw input.error(.invalidValue, "\"\(value)\" is not a whole number")
    }
    guard range.contains(number) else {
      throw input.error(
        .invalidValue, "\(number) is out of range (\(range.lowerBound)…\(range.upperBound))")
    }
    return number
  }

  /// A byte size: plain bytes, or with a unit `B`, `KiB`, `MiB`, `GiB`, `KB`, `MB`, `GB`.
  static func size(_ input: ConfigInput) throws(ConfigurationError) -> Int {
    let value = try text(input)
    guard let bytes = ServeConfiguration.ByteSize.parse(value), bytes > 0 else {
      throw input.error(
        .invalidValue, "\"\(value)\" is not a positive size (bytes, or e.g. 512KiB, 16MiB, 1GiB)")
    }
    return bytes
  }

  /// A positive duration as `DurationText` reads it (`90s`, `10m`, `1h30m`, `250ms`).
  static func duration(_ input: ConfigInput) throws(ConfigurationError) -> Duration {
    let value = try text(input)
    guard let duration = DurationText.parse(value.trimmingSpaces), duration > .zero else {
      throw input.error(
        .invalidValue, "\"\(value)\" is not a positive duration (e.g. 250ms, 30s, 10m, 1h30m)")
    }
    return duration
  }

  /// A Falco priority name.
  static func priority(_ input: ConfigInput) throws(ConfigurationError) -> Severity {
    let value = try text(input)
    guard let severity = Severity(parsing: value.trimmingSpaces) else {
      throw input.error(
        .invalidValue,
        "\"\(value)\" is not a priority (debug, info, notice, warning, error, critical, alert, emergency)"
      )
    }
    return severity
  }

  /// `host:port`, `:port`, `[ipv6]:port` or a bare port (all interfaces).
  static func listen(_ input: ConfigInput) throws(ConfigurationError)
    -> ServeConfiguration
    .ListenAddress
  {
    let value = try text(input).trimmingSpaces
    let invalid = input.error(
      .invalidValue, "\"\(value)\" is not host:port (e.g. 0.0.0.0:8443, [::]:8443, :8080)")
    var host = "0.0.0.0"
    var portText = Substring(value)
    if value.hasPrefix("[") {
      guard let close = value.firstIndex(of: "]") else { throw invalid }
      host = String(value[value.index(after: value.startIndex)..<close])
      let rest = value[value.index(after: close)...]
      guard rest.hasPrefix(":") else { throw invalid }
      portText = rest.dropFirst()
    } else if let colon = value.lastIndex(of: ":") {
      let name = value[..<colon]
      guard !name.contains(":") else { throw invalid }
      if !name.isEmpty { host = String(name) }
      portText = value[value.index(after: colon)...]
    }
    guard !host.isEmpty, let port = Int(portText), (0...65_535).contains(port) else {
      throw invalid
    }
    return ServeConfiguration.ListenAddress(host: host, port: port)
  }

  /// A swift-log level name (`trace` … `critical`).
  static func logLevel(_ input: ConfigInput) throws(ConfigurationError) -> Logger.Level {
    let value = try text(input)
    let name = value.lowercased() == "warn" ? "warning" : value.lowercased()
    guard let level = Logger.Level(rawValue: name) else {
      let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
      throw input.error(.invalidValue, "\"\(value)\" is not a log level (\(names))")
    }
    return level
  }

  /// `text` or `json`.
  static func logFormat(_ input: ConfigInput) throws(ConfigurationError)
    -> ServeConfiguration.Log.Format
  {
    let value = try text(input)
    guard let format = ServeConfiguration.Log.Format(rawValue: value.lowercased()) else {
      throw input.error(.invalidValue, "\"\(value)\" is not a log format (text or json)")
    }
    return format
  }

  /// A sink kind name.
  static func sinkKind(_ input: ConfigInput) throws(ConfigurationError) -> SinkConfiguration.Kind {
    let value = try text(input)
    guard let kind = SinkConfiguration.Kind(rawValue: value.lowercased()) else {
      let names = SinkConfiguration.Kind.allCases.map(\.rawValue).joined(separator: ", ")
      throw input.error(.invalidValue, "\"\(value)\" is not a sink type (\(names))")
    }
    return kind
  }

  /// HTTP headers: a YAML mapping, or `Name: value` items.
  static func headers(_ input: ConfigInput) throws(ConfigurationError) -> [String: String] {
    var pairs: [(String, String)] = []
    if case .pairs(let given) = input.raw {
      pairs = given
    } else {
      for item in try list(input) {
        guard let colon = item.firstIndex(of: ":") else {
          throw input.error(.invalidValue, "\"\(item)\" is not a header (Name: value)")
        }
        pairs.append(
          (
            String(item[..<colon]).trimmingSpaces,
            String(item[item.index(after: colon)...]).trimmingSpaces
          ))
      }
    }
    var headers: [String: String] = [:]
    for (name, value) in pairs {
      guard !name.isEmpty, !name.contains(where: { $0 == " " || $0 == "\n" || $0 == "\r" }) else {
        throw input.error(.invalidValue, "\"\(name)\" is not a header name")
      }
      headers[name] = value
    }
    return headers
  }
}

extension StringProtocol {
  /// Without leading and trailing spaces, tabs and newlines.
  var trimmingSpaces: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[first...last])
  }

  /// Without `_` digit separators (`1_000_000`).
  var replacingUnderscores: String { String(filter { $0 != "_" }) }
}
