import ArgumentParser
import Foundation
import VigilCore
import VigilDemo
import VigilPipeline

/// `vigil demo`: analyze the shipped day of a small cluster's audit log, attacks woven in.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract:
      "Analyze a day of a small cluster's audit log shipped with Vigil (no cluster needed).",
    discussion: """
      The log (demo/audit-day.jsonl.gz) comes from a deterministic generator: controllers, \
      kubelets, a CI/CD deployer, people using kubectl, health checks, and a handful of attacks \
      (exec and apt-get install in a pod, a ClusterRoleBinding to cluster-admin, a privileged pod \
      from Docker Hub, a NodePort service, a 403 burst from a stolen token, …).
      """)

  @Option(help: "Write the demo log as JSON lines to this path instead of analyzing it.")
  var generate: String?

  @Option(help: "The demo database (recreated on each run).")
  var db: String = "vigil-demo.db"

  @Option(
    name: [.customLong("severity"), .customLong("min-priority")],
    help: ArgumentHelp("Show only alerts of at least this priority.", valueName: "priority"))
  var severity: String = "notice"

  func validate() throws { _ = try parseSeverity(severity) }

  @OptionGroup var rules: RuleOptions

  func run() throws {
    if let generate {
      let count = try DemoAuditLog().write(to: generate)
      print("wrote \(count) events to \(generate)")
      return
    }
    let log = try Self.demoLog()
    let stdout = TextOutput.standardOutput()
    let stderr = TextOutput.standardError()
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
    stdout.write("Vigil demo: analyzing \(log.path)\n")
    stdout.write("(one day of a 3-node cluster's audit log, with attacks woven in)\n\n")
    stdout.flush()

    var runner = AnalysisRunner(
      inputs: [log.path], rules: try rules.load(), stdout: stdout, stderr: stderr)
    runner.format = .table
    runner.minimumSeverity = try parseSeverity(severity)
    runner.db = db
    let summary = try runner.run()
    stdout.write(summary.render())
    stdout.write(
      """

      Look closer:
        vigil alerts --db \(db) --severity warning          # the alerts that matter
        vigil alerts --db \(db) --rule "Package Manager Run via Exec" -o json
        vigil analyze --rules rules/ --output falco \(log.path)   # Falco's JSON format
        vigil rules list                                     # rules, tags and controls

      """)
    stdout.flush()
  }

  /// The shipped demo log, or one generated into a temporary file when the checkout lacks it.
  static func demoLog() throws -> URL {
    if let root = RulePackLocator.checkoutRoot() {
      let shipped = root.appendingPathComponent("demo/audit-day.jsonl.gz")
      if FileManager.default.fileExists(atPath: shipped.path) { return shipped }
    }
    let temporary = FileManager.default.temporaryDirectory
      .appendingPathComponent("vigil-demo-audit.jsonl")
    _ = try DemoAuditLog().write(to: temporary.path)
    return temporary
  }
}
