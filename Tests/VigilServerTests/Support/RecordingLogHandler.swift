import Logging
import Synchronization

/// Log records kept in memory for assertions.
final class LogRecords: Sendable {
  /// One record.
  struct Record: Sendable {
    /// Its level.
    var level: Logger.Level
    /// Its message.
    var message: String
    /// Its metadata, rendered.
    var metadata: [String: String]
  }

  private let records = Mutex<[Record]>([])

  /// Everything logged so far.
  var all: [Record] { records.withLock { $0 } }

  /// Appends a record.
  func append(_ record: Record) { records.withLock { $0.append(record) } }

  /// A logger writing here, at `level` and above.
  func logger(level: Logger.Level = .debug) -> Logger {
    var logger = Logger(label: "vigil.server.test") { _ in RecordingLogHandler(records: self) }
    logger.logLevel = level
    return logger
  }
}

/// A `LogHandler` appending to ``LogRecords``.
struct RecordingLogHandler: LogHandler {
  /// Where records go.
  let records: LogRecords
  /// Handler metadata.
  var metadata: Logger.Metadata = [:]
  /// Minimum level.
  var logLevel: Logger.Level = .trace

  /// Handler metadata by key.
  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  /// Records one event.
  func log(event: LogEvent) {
    let merged = metadata.merging(event.metadata ?? [:]) { $1 }
    records.append(
      .init(
        level: event.level, message: "\(event.message)",
        metadata: merged.mapValues { "\($0)" }))
  }
}
