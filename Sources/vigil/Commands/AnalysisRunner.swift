import ArgumentParser
import Foundation
import VigilAudit
import VigilCore
import VigilPipeline
import VigilRules
import VigilStore

/// Runs an `AuditAnalysis` for a command: opens the store, prints alerts as they are released,
/// draws the progress bar, prints diagnostics, and returns the summary.
struct AnalysisRunner {
  var inputs: [String]
  var rules: RuleSet
  var output: OutputOptions
  var analysis: AnalysisOptions
  var stdout: TextOutput
  var stderr: TextOutput

  func run() throws -> Summary {
    var configuration = AuditAnalysis.Configuration()
    configuration.inputs = inputs
    configuration.source.decoder.maxEventBytes = analysis.maxEventSize
    configuration.detection.minimumSeverity = output.minimumSeverity
    configuration.detection.aggregation.window = try analysis.window()
    configuration.storedEvents = analysis.storeEvents
    let store: (any Store)? = analysis.noDb ? nil : try SQLiteStore(path: analysis.db)

    let format = output.resolvedFormat(for: stdout)
    let colors = stdout.isTerminal && format == .table
    var headerPrinted = false
    let totalBytes = inputs.contains("-") ? nil : InputSize.total(of: inputs)
    var progress =
      stderr.isTerminal && !analysis.noProgress
      ? ProgressBar(output: stderr, totalBytes: totalBytes) : nil
    let quiet = analysis.quietDiagnostics
    let errors = stderr
    var shown = 0
    let summary = try AuditAnalysis(configuration: configuration, rules: rules, store: store).run(
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
    if let store, !analysis.noDb {
      _ = store
      stderr.write("\nAlerts stored in \(analysis.db): vigil alerts --db \(analysis.db)\n")
    }
    return summary
  }
}

/// The total size of the input files, for the progress bar.
enum InputSize {
  static func total(of paths: [String]) -> Int? {
    var total = 0
    for path in paths {
      guard let enumerator = FileManager.default.enumerator(atPath: path) else {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        total += size ?? 0
        continue
      }
      while let name = enumerator.nextObject() as? String {
        let full = path + "/" + name
        total += ((try? FileManager.default.attributesOfItem(atPath: full)[.size]) as? Int) ?? 0
      }
    }
    return total
  }
}
