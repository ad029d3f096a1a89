/// What the inventory says about an end beyond its name: whether it is a public entry point of
/// the cluster and how sensitive it is (a database, secret store, bucket, metadata endpoint).
public struct EndpointMarks: Sendable, Hashable {
  /// How sensitive a service is (VigilNet's copy of the cluster model's `Sensitivity`).
  public struct Sensitivity: Sendable, Hashable, Comparable {
    /// `high` (data and secret stores, metadata, declared) or `low` (declared low).
    public enum Level: String, Sendable, Hashable, Comparable, CaseIterable {
      /// Recorded, no extra severity.
      case low
      /// Reaching it matters.
      case high

      /// Low before high.
      public static func < (lhs: Level, rhs: Level) -> Bool { lhs == .low && rhs == .high }
    }

    /// How much it matters.
    public var level: Level
    /// What was recognized (`postgres`, `vault`, `cloud metadata`, `declared`).
    public var product: String
    /// The most telling reason (`postgres (port 5432)`).
    public var reason: String

    /// Creates a sensitivity.
    public init(level: Level, product: String, reason: String) {
      self.level = level
      self.product = product
      self.reason = reason
    }

    /// Ordered by level, then product.
    public static func < (lhs: Sensitivity, rhs: Sensitivity) -> Bool {
      (lhs.level, lhs.product) < (rhs.level, rhs.product)
    }
  }

  /// No marks.
  public static let none = EndpointMarks()

  /// A LoadBalancer, NodePort, Ingress, Gateway, hostPort or external IP leads to it.
  public var isPublicEntry: Bool
  /// How sensitive it is, when it is.
  public var sensitivity: Sensitivity?

  /// Creates marks.
  public init(isPublicEntry: Bool = false, sensitivity: Sensitivity? = nil) {
    self.isPublicEntry = isPublicEntry
    self.sensitivity = sensitivity
  }

  /// Both marks: public if either is, the more sensitive sensitivity.
  public func merged(with other: EndpointMarks) -> EndpointMarks {
    var out = self
    out.isPublicEntry = isPublicEntry || other.isPublicEntry
    if let theirs = other.sensitivity, sensitivity.map({ $0 < theirs }) ?? true {
      out.sensitivity = theirs
    }
    return out
  }
}
