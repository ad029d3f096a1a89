import Foundation
import Logging
import VigilCore
import VigilJSON

/// swift-log handler writing one JSON object per line to standard error:
/// `{"time":…,"level":…,"label":…,"message":…, <metadata keys>…}` — what log collectors
/// (Fluent Bit, Vector, CloudWatch) parse without configuration.
public struct JSONLogHandler: LogHandler {
  /// The logger's label.
  public let label: String
  /// The lowest level logged.
  public var logLevel: Logger.Level = .info
  /// Metadata added to every line.
  public var metadata: Logger.Metadata = [:]
  private let write: @Sendable (String) -> Void

  /// A handler writing to standard error.
  public init(label: String) {
    self.init(label: label) { line in FileHandle.standardError.write(Data(line.utf8)) }
  }

  /// A handler passing each line (with its newline) to `write`.
  public init(label: String, write: @escaping @Sendable (String) -> Void) {
    self.label = label
    self.write = write
  }

  /// Reads or sets one metadata value.
  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  /// Writes one line.
  public func log(event: LogEvent) {
    var fields: [(String, String)] = [
      ("time", Timestamp.now().rfc3339(fractionDigits: 6)), ("level", event.level.rawValue),
      ("label", label), ("message", "\(event.message)"),
    ]
    var merged = metadata
    if let extra = event.metadata { merged.merge(extra) { _, new in new } }
    for key in merged.keys.sorted() {
      if let value = merged[key] { fields.append((key, "\(value)")) }
    }
    if event.level >= .error { fields.append(("source", "\(event.file):\(event.line)")) }
    let body = fields.map { "\(JSONText.quoted($0.0)):\(JSONText.quoted($0.1))" }
      .joined(separator: ",")
    write("{\(body)}\n")
  }
}
