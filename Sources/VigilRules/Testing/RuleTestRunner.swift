import Foundation
import VigilCore

/// Runs rule regression tests, like Falco's: every `*.yaml` file in a directory is one test file.
///
///     # tests/exec.yaml
///     rules: [../rules/k8s_audit_rules.yaml, ../rules/local.yaml]  # relative; loaded in order
///     cases:
///       - name: exec into a pod fires
///         events: events/attach_pod.json     # audit JSON or JSON lines, relative to this file
///         expect: {"Attach/Exec Pod": 1}     # named rules fire this often, others may fire
///       - name: a quiet event
///         events: |                           # or the events inline
///           {"kind":"Event","verb":"get", …}
///         rules: [../rules/other.yaml]        # a case may load its own rules
///         expect: none                        # no rule at all fires
///       - name: only this one
///         events: events/create.json
///         expect_exactly: {"K8s Service Created": 1}
///
/// Events are decoded by the closure the caller passes (the CLI passes VigilAudit's decoder).
public struct RuleTestRunner: Sendable {
  /// Decodes an events file's text (its path given for positions) into events.
  public typealias Decode = @Sendable (_ text: String, _ file: String) -> [Event]

  /// The loader used for the rules files.
  public var loader: RuleLoader
  /// The events decoder.
  public var decode: Decode

  /// Creates a runner.
  public init(loader: RuleLoader = RuleLoader(), decode: @escaping Decode) {
    self.loader = loader
    self.decode = decode
  }

  /// Runs every `.yaml`/`.yml` file in the directory (sorted by name).
  public func run(directory: URL) -> [RuleTestResult] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().flatMap {
      run(file: directory.appendingPathComponent($0))
    }
  }

  /// Runs one test file.
  public func run(file: URL) -> [RuleTestResult] {
    let path = file.path
    let base = file.deletingLastPathComponent()
    func failure(_ name: String, _ message: String) -> [RuleTestResult] {
      [RuleTestResult(file: path, name: name, passed: false, diff: [message], counts: [:])]
    }
    guard let text = try? String(contentsOf: file, encoding: .utf8) else {
      return failure("(file)", "cannot read the test file")
    }
    let (documents, error) = YAMLDocumentReader.read(text: text, file: path)
    if let error { return failure("(file)", error.description) }
    guard let root = documents.first, root.mappingPairs != nil else {
      return failure("(file)", "a test file is a mapping with 'rules' and 'cases'")
    }
    let defaultRules = Self.strings(root["rules"])
    guard let cases = root["cases"]?.sequenceItems, !cases.isEmpty else {
      return failure("(file)", "no 'cases'")
    }
    var cache: [[String]: Result<RuleSet, RuleLoadError>] = [:]
    var results: [RuleTestResult] = []
    for (n, entry) in cases.enumerated() {
      let name = entry["name"]?.scalarText ?? "case \(n + 1)"
      let rules = entry["rules"].map { Self.strings($0) } ?? defaultRules
      guard !rules.isEmpty else {
        results += failure(name, "no 'rules' to load")
        continue
      }
      let result = cache[rules] ?? loadRules(rules.map { Self.resolve($0, base: base) })
      cache[rules] = result
      let ruleSet: RuleSet
      switch result {
      case .success(let set): ruleSet = set
      case .failure(let error):
        results += failure(name, "rules do not load: \(error.description)")
        continue
      }
      guard let expectation = Self.expectation(entry) else {
        results += failure(name, "'expect' must be none or a mapping {\"Rule\": count}")
        continue
      }
      guard let eventsText = entry["events"]?.scalarText else {
        results += failure(name, "no 'events'")
        continue
      }
      let events: [Event]
      if eventsText.contains("{") {
        events = decode(eventsText, "\(path):\(entry.location.line)")
      } else {
        let url = Self.resolve(eventsText, base: base)
        guard let content = try? String(contentsOf: url, encoding: .utf8) else {
          results += failure(name, "cannot read events file \(url.path)")
          continue
        }
        events = decode(content, url.path)
      }
      results.append(check(file: path, name: name, ruleSet: ruleSet, events: events, expectation))
    }
    return results
  }

  private func loadRules(_ urls: [URL]) -> Result<RuleSet, RuleLoadError> {
    do throws(RuleLoadError) {
      return .success(try loader.load(files: urls))
    } catch {
      return .failure(error)
    }
  }

  private func check(
    file: String, name: String, ruleSet: RuleSet, events: [Event],
    _ expectation: RuleTestExpectation
  ) -> RuleTestResult {
    var counts: [String: Int] = [:]
    for event in events {
      for match in ruleSet.evaluate(event) { counts[match.rule.name, default: 0] += 1 }
    }
    var diff: [String] = []
    if events.isEmpty { diff.append("no events decoded") }
    switch expectation {
    case .none:
      for (rule, count) in counts.sorted(by: { $0.key < $1.key }) {
        diff.append("\(rule): expected none, got \(count)")
      }
    case .counts(let expected), .exactly(let expected):
      for (rule, count) in expected.sorted(by: { $0.key < $1.key }) {
        if ruleSet.rule(named: rule) == nil { diff.append("\(rule): no rule by that name") }
        let got = counts[rule, default: 0]
        if got != count { diff.append("\(rule): expected \(count), got \(got)") }
      }
      if case .exactly = expectation {
        for (rule, count) in counts.sorted(by: { $0.key < $1.key }) where expected[rule] == nil {
          diff.append("\(rule): expected none, got \(count)")
        }
      }
    }
    return RuleTestResult(file: file, name: name, passed: diff.isEmpty, diff: diff, counts: counts)
  }

  private static func expectation(_ entry: YAMLNode) -> RuleTestExpectation? {
    if let exact = entry["expect_exactly"] {
      return counts(exact).map(RuleTestExpectation.exactly)
    }
    guard let node = entry["expect"] else { return nil }
    if let text = node.scalarText, text.lowercased() == "none" { return RuleTestExpectation.none }
    return counts(node).map(RuleTestExpectation.counts)
  }

  private static func counts(_ node: YAMLNode) -> [String: Int]? {
    guard let pairs = node.mappingPairs else { return nil }
    var result: [String: Int] = [:]
    for pair in pairs {
      guard let text = pair.value.scalarText, let count = Int(text), count >= 0 else { return nil }
      result[pair.key] = count
    }
    return result
  }

  private static func strings(_ node: YAMLNode?) -> [String] {
    guard let node else { return [] }
    if let text = node.scalarText { return [text] }
    return node.sequenceItems?.compactMap(\.scalarText) ?? []
  }

  private static func resolve(_ path: String, base: URL) -> URL {
    path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
  }
}
