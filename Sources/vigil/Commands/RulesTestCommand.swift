import ArgumentParser
import Foundation
import VigilPipeline
import VigilRules

/// `vigil rules test`: regression tests for rules (events plus expected detections).
struct RulesTestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract:
      "Run rule regression tests: each YAML file names rule files, event files and the expected detections.",
    discussion: """
      A test file:
        rules: [../rules/audit.yaml]
        cases:
          - name: exec into a pod fires
            events: events/exec.json           # audit JSON or JSON lines, relative to the test file
            expect: {"Exec or Attach Into Pod by Human": 1}
          - name: health checks are quiet
            events: events/healthz.json
            expect: none
      """)

  @Argument(help: "A directory of test files, or one test file.")
  var path: String

  func run() throws {
    let runner = RuleTestRunner { text, file in AuditText.events(from: text, file: file) }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ValidationError("no such test file or directory: \(path)")
    }
    let url = URL(fileURLWithPath: path)
    let results = isDirectory.boolValue ? runner.run(directory: url) : runner.run(file: url)
    for result in results { print(result) }
    let failed = results.filter { !$0.passed }.count
    print("\(results.count - failed) passed, \(failed) failed")
    if failed > 0 || results.isEmpty { throw ExitCode(1) }
  }
}
