/// A deployment zone (`prod`, `staging`, `dev`, or any name a cluster uses): where a namespace's
/// workloads belong, read from its labels or its name by ``ZoneClassifier``.
public struct Zone: Sendable, Hashable, Comparable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  /// The zone's name, lower-cased.
  public let name: String

  /// Creates a zone named `name` (lower-cased).
  public init(_ name: String) { self.name = name.lowercased() }

  /// Creates a zone from a literal.
  public init(stringLiteral value: String) { self.init(value) }

  /// Production.
  public static let prod = Zone("prod")
  /// Staging.
  public static let staging = Zone("staging")
  /// Development, test, QA and sandboxes.
  public static let dev = Zone("dev")

  /// Ordered by name.
  public static func < (lhs: Zone, rhs: Zone) -> Bool { lhs.name < rhs.name }

  /// The name.
  public var description: String { name }
}

/// A namespace's zone and why: `label environment=production`, `name pattern prod-*`, `override`.
public struct ZoneAssignment: Sendable, Hashable {
  /// The zone.
  public var zone: Zone
  /// Where it came from, for alert explanations.
  public var reason: String

  /// Creates an assignment.
  public init(zone: Zone, reason: String) {
    self.zone = zone
    self.reason = reason
  }
}
