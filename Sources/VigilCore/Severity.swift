/// How urgent an alert is: Falco's priorities, from `debug` (lowest) to `emergency` (highest).
public enum Severity: Int, Sendable, Hashable, Comparable, CaseIterable, Codable,
  CustomStringConvertible
{
  case debug = 0
  case informational
  case notice
  case warning
  case error
  case critical
  case alert
  case emergency

  /// Parses a Falco priority, case-insensitively (`INFO` and `informational` both work).
  public init?(parsing text: some StringProtocol) {
    switch text.lowercased() {
    case "debug": self = .debug
    case "info", "informational": self = .informational
    case "notice": self = .notice
    case "warning", "warn": self = .warning
    case "error", "err": self = .error
    case "critical", "crit": self = .critical
    case "alert": self = .alert
    case "emergency", "emerg": self = .emergency
    default: return nil
    }
  }

  /// Falco's spelling (`Warning`, `Informational`), as in its JSON output's `priority`.
  public var falcoName: String {
    switch self {
    case .debug: "Debug"
    case .informational: "Informational"
    case .notice: "Notice"
    case .warning: "Warning"
    case .error: "Error"
    case .critical: "Critical"
    case .alert: "Alert"
    case .emergency: "Emergency"
    }
  }

  /// Upper-case name as rule files write it (`WARNING`, `INFO`).
  public var description: String {
    self == .informational ? "INFO" : falcoName.uppercased()
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let value = Severity(parsing: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "unknown severity \(text)")
    }
    self = value
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
