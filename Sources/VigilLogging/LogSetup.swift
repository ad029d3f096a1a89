import Logging

/// Bootstraps swift-log once per process: text lines to standard error or one JSON object per
/// line (``JSONLogHandler``), at a minimum level.
public enum LogSetup {
  /// The two line formats.
  public enum Format: String, Sendable, CaseIterable {
    /// `2026-11-02T09:15:00Z info message key=value`.
    case text
    /// One JSON object per line.
    case json
  }

  /// Bootstraps logging and returns the root logger labelled `vigil`.
  public static func bootstrap(level: Logger.Level, format: Format) -> Logger {
    switch format {
    case .json:
      LoggingSystem.bootstrap { label in
        var handler = JSONLogHandler(label: label)
        handler.logLevel = level
        return handler
      }
    case .text:
      LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
      }
    }
    return Logger(label: "vigil")
  }
}

extension Logger {
  /// A logger for a component: same handler and level, with `component` metadata.
  public func child(_ component: String) -> Logger {
    var logger = self
    logger[metadataKey: "component"] = "\(component)"
    return logger
  }
}
