import ArgumentParser
import Foundation
import VigilAudit
import VigilCore
import VigilDetect
import VigilPipeline
import VigilRules
import VigilStore

/// Runs an `AuditAnalysis` for a command: opens the store, prints alerts as they are released,
/// draws the progress bar, prints diagnostics, and returns the summary.
struct AnalysisRunner {
  var inputs: [String]
  var rules: RuleSet
  /// Alert format; nil picks a table on a terminal, JSON lines otherwise.
  var format: AlertFormat?
  var minimumSeverity: Severity = .debug
  /// The database, or nil for none.
  var db: String?
  var storedEvents: AuditAnalysis.StoredEvents = .evidence
  var window: Duration = .seconds(300)
  var maxEventSize = 1 << 20
  var showProgress = true
  var quietDiagnostics = false
  /// What the cluster held before the log (`--snapshot`).
  var cluster: ClusterSeed?
  var stdout: TextOutput
  var stderr: TextOutput

  init(inputs: [String], rules: RuleSet, stdout: TextOutput, stderr: TextOutput) {
    self.inputs = inputs
    self.rules = rules
    self.stdout = stdout
    self.stderr = stderr
  }

  /// Takes the shared command-line options.
  mutating func apply(_ output: OutputOptions, _ analysis: AnalysisOptions) throws {
    format = output.format
    minimumSeverity = output.minimumSeverity
    db = analysis.noDb ? nil : analysis.db
    storedEvents = analysis.storeEvents
    window = try analysis.window()
    maxEventSize = analysis.maxEventSize
    showProgress = !analysis.noProgress
    quietDiagnostics = analysis.quietDiagnostics
  }

  func run() throws -> Summary {
    var configuration = AuditAnalysis.Configuration()
    configuration.inputs = inputs
    configuration.source.decoder.maxEventBytes = maxEventSize
    configuration.detection.minimumSeverity = minimumSeverity
    configuration.detection.aggregation.window = window
    configuration.storedEvents = storedEvents
    configuration.cluster = cluster
    let store: (any Store)? = try db.map { try SQLiteStore(path: $0) }

    let format = self.format ?? (stdout.isTerminal ? .table : .json)
    let colors = stdout.isTerminal && format == .table
    var headerPrinted = false
    let totalBytes = inputs.contains("-") ? nil : InputSize.total(of: inputs)
    var progress =
      stderr.isTerminal && showProgress
      ? ProgressBar(output: stderr, totalBytes: totalBytes) : nil
    let quiet = quietDiagnostics
    let errors = stderr
    var shown = 0
    var summary = try AuditAnalysis(configuration: configuration, rules: rules, store: store).run(
      onAlert: { alert in
        progress?.finish()
        stdout.write(format.render([alert], header: !headerPrinted, colors: colors))
        headerPrinted = true
        stdout.flush()
      },
      onDiagnostic: { diagnostic in
        guard !quiet, shown < 50 else { return }
        shown += 1
        errors.write("vigil: \(diagnostic)\n")
      },
      onProgress: { bytes, events, alerts in
        progress?.update(bytes: bytes, events: events, alerts: alerts)
      })
    progress?.finish()
    stdout.flush()
    summary.peakMemoryBytes = ProcessMemory.peakResidentBytes()
    if let db, summary.alertCount > 0 {
      stderr.write("\nAlerts stored in \(db): vigil alerts --db \(db)\n")
    }
    return summary
  }
}

/// The total size of the input files (directories walked), for the progress bar.
enum InputSize {
  static func total(of paths: [String]) -> Int {
    let files = FileManager.default
    func size(_ path: String) -> Int {
      ((try? files.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
    var total = 0
    for path in paths {
      var isDirectory: ObjCBool = false
      guard files.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
      guard isDirectory.boolValue else {
        total += size(path)
        continue
      }
      let enumerator = files.enumerator(atPath: path)
      while let name = enumerator?.nextObject() as? String { total += size(path + "/" + name) }
    }
    return total
  }
}
