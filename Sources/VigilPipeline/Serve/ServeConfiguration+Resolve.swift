import Foundation

extension ServeConfiguration {
  /// Resolves the configuration: defaults < `file` < `environment` (`VIGIL_*`) < `flags` (names
  /// without dashes → values; a bare boolean flag is `"true"`) and `sinkSpecs` (repeated
  /// `--sink`), then reads token and secret files and validates the whole.
  public static func resolve(
    file: String?, environment: [String: String], flags: [String: String], sinkSpecs: [String]
  ) throws(ConfigurationError) -> ServeConfiguration {
    var resolution = ConfigResolution()
    if let file {
      let text: String
      do {
        text = try String(contentsOfFile: file, encoding: .utf8)
      } catch {
        throw ConfigurationError(
          .unreadableFile, at: .file(path: file, line: 0, column: 0),
          "cannot read the configuration file: \(Self.reason(error))")
      }
      try ConfigFileReader(path: file).read(text, into: &resolution)
      resolution.configuration.file = file
    }
    try resolution.applyEnvironment(environment)
    try resolution.applyFlags(flags)
    for spec in sinkSpecs { try resolution.applySinkSpec(spec) }
    return try resolution.finish()
  }

  /// The reason of a file error, without Foundation's domain noise where it can.
  static func reason(_ error: any Error) -> String {
    if let cocoa = error as? CocoaError, let underlying = cocoa.underlying as? POSIXError {
      return String(cString: strerror(underlying.code.rawValue))
    }
    if let cocoa = error as? CocoaError {
      switch cocoa.code {
      case .fileReadNoSuchFile: return "no such file"
      case .fileReadNoPermission: return "permission denied"
      case .fileReadInapplicableStringEncoding: return "not UTF-8 text"
      default: break
      }
    }
    return "\(error)"
  }
}
