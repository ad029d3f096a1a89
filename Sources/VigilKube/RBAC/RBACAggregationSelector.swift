/// One `aggregationRule.clusterRoleSelectors[]` entry: a label selector over ClusterRoles.
public struct RBACAggregationSelector: Sendable, Hashable {
  /// One `matchExpressions[]` requirement.
  public struct Requirement: Sendable, Hashable {
    /// `In`, `NotIn`, `Exists`, `DoesNotExist`.
    public var key: String
    /// The operator as written.
    public var operation: String
    /// The values for `In` / `NotIn`.
    public var values: [String]

    /// Creates a requirement.
    public init(key: String, operation: String, values: [String] = []) {
      self.key = key
      self.operation = operation
      self.values = values
    }

    /// Whether `labels` satisfy it; an unknown operator matches nothing.
    public func matches(_ labels: [String: String]) -> Bool {
      switch operation {
      case "In": labels[key].map(values.contains) ?? false
      case "NotIn": labels[key].map { !values.contains($0) } ?? true
      case "Exists": labels[key] != nil
      case "DoesNotExist": labels[key] == nil
      default: false
      }
    }
  }

  /// `matchLabels`.
  public var matchLabels: [String: String]
  /// `matchExpressions`.
  public var matchExpressions: [Requirement]

  /// Creates a selector.
  public init(matchLabels: [String: String] = [:], matchExpressions: [Requirement] = []) {
    self.matchLabels = matchLabels
    self.matchExpressions = matchExpressions
  }

  /// Whether `labels` satisfy every term. An empty selector matches nothing, as the aggregation
  /// controller treats it.
  public func matches(_ labels: [String: String]) -> Bool {
    if matchLabels.isEmpty && matchExpressions.isEmpty { return false }
    for (key, value) in matchLabels where labels[key] != value { return false }
    return matchExpressions.allSatisfy { $0.matches(labels) }
  }
}
