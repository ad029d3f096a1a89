/// What a feed parser read: the indicators, and the entries it skipped with their positions
/// (the first `maxProblems` kept, all counted).
public struct FeedParseResult: Sendable {
  /// Problems kept at most; the rest are only counted.
  public static let maxProblems = 1000

  /// The indicators read.
  public var indicators: [Indicator] = []
  /// The first skipped entries.
  public private(set) var problems: [FeedProblem] = []
  /// How many entries were skipped in all.
  public private(set) var skipped = 0

  /// Creates an empty result.
  public init() {}

  /// Records a skipped entry.
  public mutating func skip(_ problem: FeedProblem) {
    skipped += 1
    if problems.count < Self.maxProblems { problems.append(problem) }
  }

  /// Skipped entries by code (over the kept problems).
  public var skippedByCode: [FeedProblem.Code: Int] {
    problems.reduce(into: [:]) { $0[$1.code, default: 0] += 1 }
  }
}
