import ArgumentParser
import VigilAudit
import VigilCore
import VigilPipeline
import VigilStore

/// `vigil analyze`: analyze Kubernetes audit logs and report what matters.
struct AnalyzeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "analyze",
    abstract: "Analyze Kubernetes audit logs (files, directories, .gz, or - for stdin).",
    discussion: """
      Reads every audit-log shape (audit.k8s.io Event/EventList, JSON lines or documents, EKS, \
      AKS and GKE exports), runs the rules and detectors, prints the alerts and stores them with \
      their evidence events in the SQLite database (--db) for `vigil alerts`.
      """)

  @Argument(help: "Audit log files or directories; - reads standard input.")
  var inputs: [String] = ["-"]

  @OptionGroup var rules: RuleOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var analysis: AnalysisOptions

  @Option(
    help: """
      `kubectl get -A -o json` output of the cluster before the log starts (repeatable): changes       to the objects in it are reported as changes, and their registries are not news.
      """)
  var snapshot: [String] = []

  func run() throws {
    let ruleSet = try rules.load()
    let stdout = TextOutput.standardOutput()
    let stderr = TextOutput.standardError()
    var runner = AnalysisRunner(inputs: inputs, rules: ruleSet, stdout: stdout, stderr: stderr)
    try runner.apply(output, analysis)
    if !snapshot.isEmpty {
      let cluster = try ClusterSnapshotLoader.load(db: "", files: snapshot)
      for problem in cluster.problems { stderr.write("snapshot: skipped \(problem)\n") }
      runner.cluster = try cluster.seed(at: Timestamp(nanoseconds: 0))
    }
    let report = try runner.run()
    stderr.write(report.render())
    stderr.flush()
  }
}
