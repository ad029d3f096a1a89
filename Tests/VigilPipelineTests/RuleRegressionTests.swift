import Foundation
import Testing
import VigilPipeline
import VigilRules
import VigilTesting

/// The rule regression cases shipped in `tests/rules` pass (what `vigil rules test tests/rules`
/// runs), with events decoded by the real audit decoder.
@Suite struct RuleRegressionTests {
  @Test func shippedCasesPass() {
    let runner = RuleTestRunner { text, file in AuditText.events(from: text, file: file) }
    let results = runner.run(
      directory: SharedData.repositoryRoot.appendingPathComponent("tests/rules"))
    #expect(results.count >= 5)
    for result in results { #expect(result.passed, "\(result)") }
  }

  @Test func aWrongExpectationFails() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("vigil-rule-test-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let pack = SharedData.repositoryRoot.appendingPathComponent("rules/audit.yaml").path
    try """
    rules: [\(pack)]
    cases:
      - name: health check wrongly expected to fire
        events: |
          {"kind":"Event","auditID":"x","stage":"ResponseComplete","requestURI":"/healthz","verb":"get","user":{"username":"system:anonymous"},"sourceIPs":["10.0.0.1"],"responseStatus":{"code":200},"stageTimestamp":"2026-11-02T00:00:00Z","annotations":{"authorization.k8s.io/decision":"allow"}}
        expect: {"Anonymous Request Allowed Beyond Health Endpoints": 1}
    """.write(to: directory.appendingPathComponent("wrong.yaml"), atomically: true, encoding: .utf8)
    let results = RuleTestRunner { text, file in AuditText.events(from: text, file: file) }
      .run(directory: directory)
    #expect(results.count == 1)
    #expect(results.first?.passed == false)
  }
}
