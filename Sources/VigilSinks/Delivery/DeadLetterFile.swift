import VigilCore
import VigilJSON
import VigilPipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The file where alerts that cannot be delivered end up, one JSON line each:
/// `{"sink":…,"attempts":…,"error":…,"alert":{…}}`, the alert as ``AlertJSON`` writes it.
/// The file and its directory are created on first use; each line is one `write(2)`.
public struct DeadLetterFile: Sendable {
  /// The file appended to.
  public let path: String

  /// A dead-letter file at `path`.
  public init(path: String) { self.path = path }

  /// The default path for a sink: `<directory>/dead-letter-<sink>.jsonl`.
  public static func defaultPath(directory: String, sink: String) -> String {
    let safe = String(sink.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    return (directory.isEmpty ? "." : directory) + "/dead-letter-\(safe).jsonl"
  }

  /// The line written for `alert`, without the trailing newline.
  public static func line(sink: String, attempts: Int, error: String, alert: Alert) -> String {
    var alertJSON = AlertJSON.line(alert)
    if alertJSON.hasSuffix("\n") { alertJSON.removeLast() }
    return "{\"sink\":\(JSONText.quoted(sink)),\"attempts\":\(attempts)"
      + ",\"error\":\(JSONText.quoted(error)),\"alert\":\(alertJSON)}"
  }

  /// Appends one alert.
  public func append(sink: String, attempts: Int, error: String, alert: Alert) throws(SendError) {
    let text = Self.line(sink: sink, attempts: attempts, error: error, alert: alert) + "\n"
    let fd = try FileDescriptorIO.openForAppend(path)
    defer { close(fd) }
    try FileDescriptorIO.writeAll(Array(text.utf8), to: fd)
  }
}
