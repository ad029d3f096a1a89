/// A sink being assembled from the sources: the configuration plus what it does not hold (where
/// its secret file is, where each value came from).
struct SinkDraft: Sendable {
  /// The configuration so far.
  var sink: SinkConfiguration
  /// `secretFile`, read into `sink.secret` once all sources are merged.
  var secretFile: String?
  /// Where the sink was first defined.
  var location: ConfigurationError.Location
  /// The key path prefix in messages (`sinks[1]`, `sinks[soc]`).
  var path: String
  /// Where each option's winning value came from.
  var origins: [String: ConfigurationError.Location] = [:]
}

extension ServeConfiguration {
  /// One option of a sink, as `sinks[i].<key>`, `VIGIL_SINK_<NAME>_<KEY>` and `--sink kind:name,<key>=…`.
  public struct SinkOption: Sendable {
    /// The camelCase key (`minimumPriority`).
    public let key: String
    /// The kinds that use it (`all`, `webhook`, `file`, …), as the docs show them.
    public let kinds: String
    /// The default, as the docs show it.
    public let defaultText: String
    /// One line of help.
    public let help: String
    /// Parses a value and sets it on a sink.
    let apply: @Sendable (inout SinkDraft, ConfigInput) throws(ConfigurationError) -> Void

    init<Value>(
      _ key: String, kinds: String, default defaultText: String, _ help: String,
      parse: @escaping @Sendable (ConfigInput) throws(ConfigurationError) -> Value,
      set: @escaping @Sendable (inout SinkDraft, Value) -> Void
    ) {
      self.key = key
      self.kinds = kinds
      self.defaultText = defaultText
      self.help = help
      self.apply = { (draft, input) throws(ConfigurationError) in set(&draft, try parse(input)) }
    }

    /// The environment variable suffix (`MINIMUM_PRIORITY`).
    public var environmentSuffix: String { OptionName.screamingSnake(key) }
  }
}

extension ServeConfiguration {
  /// Every option of a sink, in documentation order (`name` is not one: it names the sink).
  public static let sinkOptions: [SinkOption] = [
    SinkOption(
      "type", kinds: "all", default: "required",
      "`stdout`, `file`, `webhook`, `slack` or `falcosidekick`", parse: ConfigValue.sinkKind,
      set: { $0.sink.kind = $1 }),
    SinkOption(
      "minimumPriority", kinds: "all", default: "`debug`",
      "Alerts below this priority are not sent here", parse: ConfigValue.priority,
      set: { $0.sink.minimumSeverity = $1 }),
    SinkOption(
      "rules", kinds: "all", default: "all", "Only alerts of these rules",
      parse: ConfigValue.list, set: { $0.sink.rules = $1 }),
    SinkOption(
      "excludeRules", kinds: "all", default: "none", "Never alerts of these rules",
      parse: ConfigValue.list, set: { $0.sink.excludeRules = $1 }),
    SinkOption(
      "tags", kinds: "all", default: "all", "Only alerts with one of these tags (`T1609`, `pci`)",
      parse: ConfigValue.list, set: { $0.sink.tags = $1 }),
    SinkOption(
      "path", kinds: "file", default: "required", "The JSON-lines file written",
      parse: ConfigValue.optionalText, set: { $0.sink.path = $1 }),
    SinkOption(
      "maxBytes", kinds: "file", default: "`100MiB`", "Size at which the file rotates",
      parse: ConfigValue.size, set: { $0.sink.maxBytes = $1 }),
    SinkOption(
      "maxFiles", kinds: "file", default: "`5`", "Rotated files kept",
      parse: { (input) throws(ConfigurationError) in try ConfigValue.integer(input, in: 1...1000) },
      set: { $0.sink.maxFiles = $1 }),
    SinkOption(
      "url", kinds: "webhook, slack, falcosidekick", default: "required",
      "The `http(s)://` URL posted to", parse: ConfigValue.optionalText,
      set: { $0.sink.url = $1 }),
    SinkOption(
      "secret", kinds: "webhook", default: "none (unsigned)",
      "HMAC-SHA256 key; the signature goes in `X-Vigil-Signature`",
      parse: ConfigValue.optionalText,
      set: {
        $0.sink.secret = $1
        $0.secretFile = nil
      }),
    SinkOption(
      "secretFile", kinds: "webhook", default: "none",
      "File holding the HMAC key (trailing newline ignored); re-read on reload",
      parse: ConfigValue.optionalText,
      set: {
        $0.secretFile = $1
        $0.sink.secret = nil
      }),
    SinkOption(
      "headers", kinds: "webhook, slack, falcosidekick", default: "none",
      "Extra HTTP headers (a mapping; `Name: value` items in env/flags)",
      parse: ConfigValue.headers, set: { $0.sink.headers = $1 }),
    SinkOption(
      "timeout", kinds: "webhook, slack, falcosidekick", default: "`10s`", "Per-request timeout",
      parse: ConfigValue.duration, set: { $0.sink.timeout = $1 }),
    SinkOption(
      "maxAttempts", kinds: "webhook, slack, falcosidekick", default: "`8`",
      "Attempts before an alert goes to the dead-letter file",
      parse: { (input) throws(ConfigurationError) in try ConfigValue.integer(input, in: 1...1000) },
      set: { $0.sink.maxAttempts = $1 }),
    SinkOption(
      "initialBackoff", kinds: "webhook, slack, falcosidekick", default: "`1s`",
      "First retry delay; each later one doubles", parse: ConfigValue.duration,
      set: { $0.sink.initialBackoff = $1 }),
    SinkOption(
      "maxBackoff", kinds: "webhook, slack, falcosidekick", default: "`5m`", "Longest retry delay",
      parse: ConfigValue.duration, set: { $0.sink.maxBackoff = $1 }),
    SinkOption(
      "deadLetterPath", kinds: "webhook, slack, falcosidekick",
      default: "`<store dir>/dead-letter-<name>.jsonl`",
      "Where alerts that exhausted their attempts are appended", parse: ConfigValue.optionalText,
      set: { $0.sink.deadLetterPath = $1 }),
    SinkOption(
      "linkTemplate", kinds: "slack", default: "none",
      "A link to the alert; `{id}` and `{rule}` are substituted", parse: ConfigValue.optionalText,
      set: { $0.sink.linkTemplate = $1 }),
  ]

  /// The sink option with `key`, if any.
  static func sinkOption(key: String) -> SinkOption? { sinkOptions.first { $0.key == key } }
}
