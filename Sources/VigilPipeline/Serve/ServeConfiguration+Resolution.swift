/// The configuration while sources are merged onto it, with where each winning value came from.
struct ConfigResolution {
  /// The configuration so far.
  var configuration = ServeConfiguration()
  /// Where each option's winning value came from, by key.
  var origins: [String: ConfigurationError.Location] = [:]
  /// The sinks so far; nil until some source names one (then the default stdout sink is dropped).
  var sinks: [SinkDraft]?

  /// Applies one value of an option.
  mutating func set(_ option: ServeConfiguration.Option, _ input: ConfigInput)
    throws(ConfigurationError)
  {
    try option.apply(&configuration, input)
    origins[option.key] = input.location
  }

  /// Applies one value of a sink option.
  static func set(
    _ option: ServeConfiguration.SinkOption, _ input: ConfigInput, on draft: inout SinkDraft
  )
    throws(ConfigurationError)
  {
    try option.apply(&draft, input)
    draft.origins[option.key] = input.location
  }

  /// The location of an option's winning value (`default` when no source set it).
  func origin(_ key: String) -> ConfigurationError.Location { origins[key] ?? .defaults }
}
