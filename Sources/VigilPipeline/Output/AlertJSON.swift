import Foundation
import VigilCore

/// Alerts as JSON lines with every field (Codable; alerts are low-rate, Foundation is fine here).
public enum AlertJSON {
  private static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()

  /// One alert as a JSON line (with the trailing newline).
  public static func line(_ alert: Alert) -> String {
    guard let data = try? encoder.encode(alert) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Decodes a line written by `line`.
  public static func decode(_ line: String) throws -> Alert {
    try JSONDecoder().decode(Alert.self, from: Data(line.utf8))
  }
}
