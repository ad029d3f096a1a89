import VigilCore
import VigilJSON

#if canImport(Glibc)
  import Glibc
#endif

/// Falco's JSON alert format, so Falcosidekick and anything built for Falco take Vigil's alerts
/// unchanged: `{"hostname","output","priority","rule","source","tags","time","output_fields"}`.
public enum FalcoAlertJSON {
  /// The host name Falco would print (this machine's).
  public static let hostname: String = {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "vigil" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }()

  /// One alert as a Falco JSON line (with the trailing newline).
  public static func line(_ alert: Alert, hostname: String = FalcoAlertJSON.hostname) -> String {
    let time = alert.time.rfc3339(fractionDigits: 9)
    let clock = String(time.dropFirst(11).dropLast())
    let output = "\(clock): \(alert.severity.falcoName) \(alert.output)"
    var out = "{\"hostname\":\(JSONText.quoted(hostname)),\"output\":\(JSONText.quoted(output))"
    out += ",\"priority\":\(JSONText.quoted(alert.severity.falcoName))"
    out += ",\"rule\":\(JSONText.quoted(alert.rule)),\"source\":\(JSONText.quoted(alert.source))"
    out += ",\"tags\":[" + alert.tags.map(JSONText.quoted).joined(separator: ",") + "]"
    out += ",\"time\":\(JSONText.quoted(time)),\"output_fields\":{"
    out += alert.fields.map { "\(JSONText.quoted($0.name)):\(JSONText.quoted($0.value ?? "<NA>"))" }
      .joined(separator: ",")
    return out + "}}\n"
  }
}
