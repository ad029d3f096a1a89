/// How sensitive a service is and why: a database, cache, secret store, cloud metadata endpoint,
/// or one declared sensitive by its owners.
public struct Sensitivity: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// How much exposing it matters.
  public enum Level: Int, Sendable, Hashable, Comparable {
    /// Declared `vigil.io/sensitivity: low`: recorded, no extra severity.
    case low
    /// Data stores, secret stores, metadata endpoints, declared sensitive: exposure is critical.
    case high

    /// Ordered low to high.
    public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// How much it matters.
  public var level: Level
  /// What was recognized (`postgres`, `vault`, `cloud metadata`, `declared`).
  public var product: String
  /// Why, most telling first (`postgres (port 5432)`, `postgres (image postgres:16)`).
  public var reasons: [String]

  /// Creates a sensitivity.
  public init(level: Level, product: String, reasons: [String]) {
    self.level = level
    self.product = product
    self.reasons = reasons
  }

  /// The first reason (`postgres (port 5432)`).
  public var description: String { reasons.first ?? product }

  /// Ordered by level, then by how many reasons back it.
  public static func < (lhs: Sensitivity, rhs: Sensitivity) -> Bool {
    (lhs.level, lhs.reasons.count) < (rhs.level, rhs.reasons.count)
  }
}
