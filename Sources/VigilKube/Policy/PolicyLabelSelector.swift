/// A Kubernetes `LabelSelector` as NetworkPolicies use it: `matchLabels` and `matchExpressions`
/// ANDed together; an empty selector selects everything (unlike a Service selector).
public struct PolicyLabelSelector: Sendable, Hashable, CustomStringConvertible {
  /// One `matchExpressions[]` requirement.
  public struct Requirement: Sendable, Hashable, CustomStringConvertible {
    /// The operators Kubernetes defines.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
      /// The label's value is one of `values`.
      case `in` = "In"
      /// The label is absent or its value is none of `values`.
      case notIn = "NotIn"
      /// The label is present.
      case exists = "Exists"
      /// The label is absent.
      case doesNotExist = "DoesNotExist"
    }

    /// The label key.
    public var key: String
    /// The operator.
    public var `operator`: Operator
    /// The values (`In`, `NotIn`).
    public var values: [String]

    /// Creates a requirement.
    public init(key: String, operator: Operator, values: [String] = []) {
      self.key = key
      self.operator = `operator`
      self.values = values
    }

    /// Whether a label value (nil when the label is absent) meets the requirement.
    public func matches(_ value: String?) -> Bool {
      switch `operator` {
      case .in: value.map { values.contains($0) } ?? false
      case .notIn: value.map { !values.contains($0) } ?? true
      case .exists: value != nil
      case .doesNotExist: value == nil
      }
    }

    /// `tier in (db,cache)`, `!legacy`.
    public var description: String {
      switch `operator` {
      case .in: "\(key) in (\(values.joined(separator: ",")))"
      case .notIn: "\(key) notin (\(values.joined(separator: ",")))"
      case .exists: key
      case .doesNotExist: "!\(key)"
      }
    }
  }

  /// `matchLabels`.
  public var matchLabels: [String: String]
  /// `matchExpressions`.
  public var matchExpressions: [Requirement]

  /// Selects everything.
  public static let everything = PolicyLabelSelector()

  /// Creates a selector.
  public init(matchLabels: [String: String] = [:], matchExpressions: [Requirement] = []) {
    self.matchLabels = matchLabels
    self.matchExpressions = matchExpressions
  }

  /// Whether it selects everything.
  public var isEmpty: Bool { matchLabels.isEmpty && matchExpressions.isEmpty }

  /// Whether `labels` meet every label and every requirement.
  public func matches(_ labels: Labels) -> Bool {
    matchLabels.allSatisfy { labels[$0.key] == $0.value }
      && matchExpressions.allSatisfy { $0.matches(labels[$0.key]) }
  }

  /// `app=web,tier in (db)`; `{}` when it selects everything.
  public var description: String {
    if isEmpty { return "{}" }
    let pairs = matchLabels.keys.sorted().map { "\($0)=\(matchLabels[$0] ?? "")" }
    return (pairs + matchExpressions.map(\.description)).joined(separator: ",")
  }
}
