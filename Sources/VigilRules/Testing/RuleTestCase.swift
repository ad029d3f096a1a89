/// The result of one case of a rule test file.
public struct RuleTestResult: Sendable, Hashable, CustomStringConvertible {
  /// The test file.
  public var file: String
  /// The case's name.
  public var name: String
  /// True when every expectation held.
  public var passed: Bool
  /// What differed, one line each (`Attach/Exec Pod: expected 1, got 0`).
  public var diff: [String]
  /// How many times each rule fired.
  public var counts: [String: Int]

  /// Creates a result.
  public init(file: String, name: String, passed: Bool, diff: [String], counts: [String: Int]) {
    self.file = file
    self.name = name
    self.passed = passed
    self.diff = diff
    self.counts = counts
  }

  /// `PASS file: name` or `FAIL file: name` followed by the diff lines.
  public var description: String {
    let head = "\(passed ? "PASS" : "FAIL") \(file): \(name)"
    return ([head] + diff.map { "  " + $0 }).joined(separator: "\n")
  }
}

/// What a case expects.
enum RuleTestExpectation: Sendable, Hashable {
  /// No rule at all may fire.
  case none
  /// These rules fire exactly this many times; others may fire too.
  case counts([String: Int])
  /// These rules fire exactly this many times and no other rule fires.
  case exactly([String: Int])
}
