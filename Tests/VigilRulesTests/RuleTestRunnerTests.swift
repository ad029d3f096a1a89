import Foundation
import Testing
import VigilAudit
import VigilCore
import VigilRules
import VigilTesting

/// Rule test files: rules, events, expected counts; pass/fail with a diff.
@Suite struct RuleTestRunnerTests {
  static let decode: RuleTestRunner.Decode = { text, file in
    AuditDecoder().decode(text: text, at: SourcePosition(file: file, line: 1)).events
  }

  @Test(.enabled(if: SharedData.shouldRun, "\(SharedData.skipMessage)"))
  func passesAndFailsWithADiff() throws {
    let anchors = try SharedData.require("anchors/falco-k8saudit")
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("vigil-rule-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let rules = anchors.appendingPathComponent("rules/k8s_audit_rules.yaml").path
    let events = anchors.appendingPathComponent("events").path
    let test = """
      rules: [\(rules)]
      cases:
        - name: attach fires
          events: \(events)/attach_pod.json
          expect: {"Attach/Exec Pod": 1}
        - name: wrong expectation
          events: \(events)/create_service.json
          expect: {"K8s Service Created": 2}
        - name: quiet
          events: \(events)/create_nginx_pod_unprivileged.json
          expect: none
        - name: exactly
          events: \(events)/delete_service.json
          expect_exactly: {"K8s Service Deleted": 1}
        - name: local rules
          rules: [local.yaml]
          events: \(events)/create_service.json
          expect: {"Local": 1}
      """
    try test.write(to: directory.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
    let local = """
      - rule: Local
        desc: d
        condition: ka.verb = create and ka.target.resource = services
        output: o
        priority: INFO
        source: k8s_audit
      """
    try local.write(to: directory.appendingPathComponent("local.yaml.rules"), atomically: true, encoding: .utf8)
    try FileManager.default.moveItem(
      at: directory.appendingPathComponent("local.yaml.rules"),
      to: directory.appendingPathComponent("local.yaml"))
    // local.yaml is itself in the directory: it is not a test file and reports so.
    let results = RuleTestRunner(decode: Self.decode).run(directory: directory)
    let byName = Dictionary(results.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    #expect(byName["attach fires"]?.passed == true)
    #expect(byName["quiet"]?.passed == true)
    #expect(byName["exactly"]?.passed == true)
    #expect(byName["local rules"]?.passed == true)
    let wrong = try #require(byName["wrong expectation"])
    #expect(!wrong.passed)
    #expect(wrong.diff == ["K8s Service Created: expected 2, got 1"])
    #expect(wrong.description.hasPrefix("FAIL "))
    #expect(results.contains { $0.file.hasSuffix("local.yaml") && !$0.passed })
  }
}
