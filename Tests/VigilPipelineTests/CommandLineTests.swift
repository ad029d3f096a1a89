import Foundation
import Testing
import VigilTesting

/// The `vigil` executable as a user runs it: exit codes, standard output and standard error.
@Suite(.serialized) struct CommandLineTests {
  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The `vigil` binary built next to this test bundle.
  static let executable: URL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    .deletingLastPathComponent().appendingPathComponent("vigil")

  static func vigil(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil) throws
    -> Run
  {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var environment = ProcessInfo.processInfo.environment
    environment["VIGIL_RULES_DIR"] = SharedData.repositoryRoot.appendingPathComponent("rules").path
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    let stderrData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
      stderr: String(decoding: stderrData, as: UTF8.self))
  }

  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("vigil-cli-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static let exec =
    #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"cli-1","stage":"ResponseStarted","requestURI":"/api/v1/namespaces/shop/pods/web-1/exec?command=apk&command=add&command=curl&container=web","verb":"create","user":{"username":"alice@example.com","groups":["system:authenticated"]},"sourceIPs":["10.20.0.15"],"userAgent":"kubectl/v1.30.2 (linux/amd64) kubernetes/3968350","objectRef":{"resource":"pods","namespace":"shop","name":"web-1","apiVersion":"v1","subresource":"exec"},"responseStatus":{"metadata":{},"code":101},"requestReceivedTimestamp":"2026-11-02T09:15:00.100000Z","stageTimestamp":"2026-11-02T09:15:00.150000Z","annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":""}}"#

  @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path) || SharedData.isCI))
  func analyzeReportsAlertsAndBadLinesWithPositions() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let log = directory.appendingPathComponent("audit.log")
    try (Self.exec + "\nthis is not json\n" + #"{"kind": 0}"# + "\n").write(
      to: log, atomically: true, encoding: .utf8)
    let run = try Self.vigil(["analyze", "-o", "json", "--db", "a.db", log.path], in: directory)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains(#""rule":"Package Manager Run via Exec""#))
    #expect(run.stderr.contains("audit.log:2: not JSON"))
    #expect(run.stderr.contains("audit.log:3: not a Kubernetes audit event"))
    #expect(run.stderr.contains("rejected    2"))

    let alerts = try Self.vigil(
      ["alerts", "--db", "a.db", "--severity", "error", "-o", "json"], in: directory)
    #expect(alerts.status == 0, "\(alerts.stderr)")
    #expect(alerts.stdout.contains("Package Manager Run via Exec"))
    let none = try Self.vigil(
      ["alerts", "--db", "a.db", "--rule", "No Such Rule", "-o", "json"], in: directory)
    #expect(none.stdout.isEmpty)
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path) || SharedData.isCI))
  func analyzeReadsStandardInputAndPrintsFalcoJSON() throws {
    let run = try Self.vigil(
      ["analyze", "--no-db", "--output", "falco", "-"], stdin: Self.exec + "\n")
    #expect(run.status == 0, "\(run.stderr)")
    let line = try #require(
      run.stdout.split(separator: "\n").first { $0.contains("Package Manager") })
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(object["priority"] as? String == "Error")
    #expect(object["source"] as? String == "k8s_audit")
    let fields = try #require(object["output_fields"] as? [String: Any])
    #expect(fields["ka.user.name"] as? String == "alice@example.com")
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path) || SharedData.isCI))
  func lintNamesFileLineColumnAndSuggestsAField() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("bad.yaml")
    try """
    - rule: Typo
      desc: a rule with a misspelled field
      condition: ka.usr.name = alice
      output: "%ka.user.name"
      priority: WARNING
      source: k8s_audit
    """.write(to: file, atomically: true, encoding: .utf8)
    let run = try Self.vigil(["rules", "lint", file.path])
    #expect(run.status == 1)
    #expect(run.stdout.contains("bad.yaml:3:14"), "\(run.stdout)")
    #expect(run.stdout.contains("did you mean ka.user.name"), "\(run.stdout)")
    let clean = try Self.vigil(["rules", "lint"])
    #expect(clean.status == 0, "\(clean.stdout)")
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: executable.path) || SharedData.isCI))
  func rulesListShowsControlsAndRulesTestRunsTheShippedCases() throws {
    let list = try Self.vigil(["rules", "list"])
    #expect(list.status == 0)
    #expect(list.stdout.contains("Package Manager Run via Exec"))
    #expect(list.stdout.contains("soc2: CC7.1"))
    #expect(list.stdout.contains("mitre-attack: T1609"))
    let tests = try Self.vigil(
      ["rules", "test", SharedData.repositoryRoot.appendingPathComponent("tests/rules").path])
    #expect(tests.status == 0, "\(tests.stdout)")
    #expect(tests.stdout.contains(" passed, 0 failed"))
  }
}
