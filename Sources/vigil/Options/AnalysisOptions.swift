import ArgumentParser
import VigilCore
import VigilPipeline

extension AuditAnalysis.StoredEvents: ExpressibleByArgument {}

/// Options of an analysis run: storage, aggregation, limits, progress.
struct AnalysisOptions: ParsableArguments {
  @Option(help: "SQLite database to store alerts (and events) in.")
  var db: String = "vigil.db"

  @Flag(help: "Do not write a database.")
  var noDb = false

  @Option(help: "Which events to store: none, evidence (events that raised an alert), all.")
  var storeEvents: AuditAnalysis.StoredEvents = .evidence

  @Option(
    help:
      "Identical alerts within this window become one alert with a count (e.g. 5m, 1h, 0s to disable)."
  )
  var aggregateWindow: String = "5m"

  @Option(help: "Events larger than this many bytes are kept as metadata only.")
  var maxEventSize: Int = 1 << 20

  @Flag(help: "No progress bar, even on a terminal.")
  var noProgress = false

  @Flag(help: "Do not print each rejected line to standard error (the summary still counts them).")
  var quietDiagnostics = false

  /// The aggregation window.
  func window() throws -> Duration {
    guard let window = DurationText.parse(aggregateWindow) else {
      throw ValidationError("--aggregate-window: not a duration: \(aggregateWindow)")
    }
    return window
  }
}
