import VigilKube

/// Names the zone of each namespace: an override first, then the namespace's labels (the first
/// configured key that names a zone), then its name against patterns (`prod-*`, `*-dev`, …);
/// a namespace nothing matches has no zone.
///
/// Under the dedicated key (`vigil.dev/zone`) any value is a zone; under the generic keys
/// (`environment`, `env`, `tier`) only values that name a known zone count (`production`,
/// `stage`, `qa` …), so `tier=backend` does not make a zone called "backend".
public struct ZoneClassifier: Sendable {
  /// Where zones come from.
  public struct Configuration: Sendable {
    /// Namespace label keys read in order; the first that names a zone wins.
    public var labelKeys: [String] = ["vigil.dev/zone", "environment", "env", "tier"]
    /// Keys whose values are zones whatever they say (the others go through `aliases`).
    public var freeFormKeys: Set<String> = ["vigil.dev/zone"]
    /// Label values (lower-cased) that name a zone.
    public var aliases: [String: Zone] = ZoneClassifier.standardAliases
    /// Name patterns, tried in order.
    public var patterns: [ZoneNamePattern] = ZoneClassifier.standardPatterns
    /// Namespaces whose zone is set here, whatever their labels and names say.
    public var overrides: [String: Zone] = [:]
    /// Namespaces that have no zone, whatever their labels and names say.
    public var unzoned: Set<String> = []

    /// Creates the defaults.
    public init() {}
  }

  /// Label values that name the three usual zones.
  public static let standardAliases: [String: Zone] = [
    "prod": .prod, "production": .prod, "prd": .prod, "live": .prod,
    "staging": .staging, "stage": .staging, "stg": .staging, "preprod": .staging,
    "pre-prod": .staging,
    "dev": .dev, "development": .dev, "test": .dev, "testing": .dev, "qa": .dev,
    "sandbox": .dev,
  ]

  /// `prod`, `production`, `*-prod`, `prod-*` → prod; `staging`, `stage`, `*-staging`,
  /// `staging-*` → staging; `dev`, `*-dev`, `dev-*`, `test`, `*-test`, `qa`, `*-qa`, `sandbox`
  /// → dev.
  public static let standardPatterns: [ZoneNamePattern] =
    ["prod", "production", "*-prod", "prod-*", "*-production", "production-*"].map {
      ZoneNamePattern($0, zone: .prod)
    }
    + ["staging", "stage", "*-staging", "staging-*", "*-stage", "stage-*"].map {
      ZoneNamePattern($0, zone: .staging)
    }
    + ["dev", "*-dev", "dev-*", "test", "*-test", "test-*", "qa", "*-qa", "qa-*", "sandbox"].map {
      ZoneNamePattern($0, zone: .dev)
    }

  /// The configuration in force.
  public let configuration: Configuration
  /// Namespaces known from the inventory, with what their labels or names say (nil: no zone).
  var known: [String: ZoneAssignment?] = [:]

  /// Creates a classifier that knows namespaces only by name (and the overrides).
  public init(configuration: Configuration = .init()) {
    self.configuration = configuration
  }

  /// Creates a classifier over `namespaces` (name → labels), as from the inventory.
  public init(namespaceLabels: [String: Labels], configuration: Configuration = .init()) {
    self.configuration = configuration
    for (name, labels) in namespaceLabels { learn(namespace: name, labels: labels) }
  }

  /// Records (or re-records) a namespace and its labels.
  public mutating func learn(namespace name: String, labels: Labels) {
    known[name] = .some(Self.assign(name: name, labels: labels, configuration: configuration))
  }

  /// Forgets a namespace's labels (its name still counts).
  public mutating func forget(namespace name: String) { known[name] = nil }

  /// Number of namespaces known with their labels.
  public var knownCount: Int { known.count }

  /// The zone of `namespace` and why, or nil when it has none.
  public func zone(ofNamespace namespace: String) -> ZoneAssignment? {
    if configuration.unzoned.contains(namespace) { return nil }
    if let zone = configuration.overrides[namespace] {
      return ZoneAssignment(zone: zone, reason: "override")
    }
    if let entry = known[namespace] { return entry }
    return Self.assign(name: namespace, labels: .empty, configuration: configuration)
  }

  /// What the labels, then the name, say.
  static func assign(name: String, labels: Labels, configuration: Configuration)
    -> ZoneAssignment?
  {
    for key in configuration.labelKeys {
      guard let raw = labels[key] else { continue }
      let value = raw.lowercased()
      if let zone = configuration.aliases[value] {
        return ZoneAssignment(zone: zone, reason: "label \(key)=\(raw)")
      }
      if configuration.freeFormKeys.contains(key), !value.isEmpty {
        return ZoneAssignment(zone: Zone(value), reason: "label \(key)=\(raw)")
      }
    }
    for pattern in configuration.patterns where pattern.matches(name) {
      return ZoneAssignment(zone: pattern.zone, reason: "name pattern \(pattern.pattern)")
    }
    return nil
  }
}
