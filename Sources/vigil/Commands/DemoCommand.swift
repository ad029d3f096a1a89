import ArgumentParser
import Foundation
import VigilCore
import VigilDemo
import VigilKube
import VigilPipeline
import VigilStore

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
    // The day starts from the demo cluster's snapshot: changes to its objects are diffed.
    var snapshot = ClusterSnapshot()
    snapshot.add(
      file: "demo snapshot", bytes: DemoSnapshot.cluster(), at: DemoAuditLog.defaultStart)
    runner.cluster = try snapshot.seed(at: DemoAuditLog.defaultStart)
    let summary = try runner.run()
    stdout.write(summary.render())
    stdout.write(try Self.clusterSection(db: db))
    stdout.write(
      """

      Look closer:
        vigil alerts --db \(db) --severity warning          # the alerts that matter
        vigil alerts --db \(db) --rule "Package Manager Run via Exec" -o json
        vigil exposure --db \(db)                            # the cluster's entry points
        vigil rbac who-can get secrets -n payments --db \(db)
        vigil analyze --rules rules/ --output falco \(log.path)   # Falco's JSON format
        vigil rules list                                     # rules, tags and controls

      """)
    stdout.flush()
  }

  /// Imports the demo cluster's snapshot into the store and shows what the model makes of it:
  /// the entry points, who can read the payments Secrets, and a pod IP resolved to its workload.
  static func clusterSection(db: String) throws -> String {
    let now = Timestamp.now()
    var snapshot = ClusterSnapshot()
    snapshot.add(file: "demo snapshot", bytes: DemoSnapshot.cluster(), at: now)
    try SQLiteStore(path: db).save(objects: snapshot.objects)
    let inventory = try snapshot.inventory(at: now)
    var text = "\nCluster (the demo snapshot: \(snapshot.objects.count) objects, "
    text += "\(inventory.pods.count) pods)\n  entry points:\n"
    for exposure in snapshot.exposures(inventory: inventory).list() {
      let (severity, reason) = exposure.assessment
      let behind = exposure.workloads.map(\.description).joined(separator: ", ")
      text += "    \(severity.falcoName.uppercased()) \(exposure.subject): \(exposure.details)"
      text += behind.isEmpty ? " — \(reason)\n" : " → \(behind) — \(reason)\n"
    }
    text += "  who can get secrets in payments:\n"
    for answer in snapshot.rbac().whoCan(verb: "get", resource: "secrets", namespace: "payments")
      .prefix(6)
    {
      text += "    \(answer)\n"
    }
    if let pod = inventory.pods.values.first(where: { $0.namespace == "payments" }),
      let ip = pod.podIPs.first
    {
      text += "  identity: \(ip) is \(inventory.resolve(ip: ip, at: now))\n"
    }
    return text
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
