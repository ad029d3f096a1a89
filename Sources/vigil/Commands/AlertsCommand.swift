import ArgumentParser
import Foundation
import VigilCore
import VigilPipeline
import VigilStore

/// `vigil alerts`: query the alerts stored by `analyze`.
struct AlertsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "alerts",
    abstract: "List stored alerts, newest first.",
    discussion: "Example: vigil alerts --db vigil.db --since 24h --severity warning")

  @Option(help: "The SQLite database written by `vigil analyze`.")
  var db: String = "vigil.db"

  @Option(help: "Only alerts since then: a duration back from now (24h, 7d) or an RFC 3339 time.")
  var since: String?

  @Option(help: "Only alerts before this RFC 3339 time.")
  var until: String?

  @Option(help: "Only alerts of this rule (repeatable).")
  var rule: [String] = []

  @Option(help: "Only alerts about this namespace.")
  var namespace: String?

  @Option(help: "Only alerts about this user.")
  var user: String?

  @Option(help: "Only alerts whose output contains this text.")
  var grep: String?

  @Option(help: "At most this many alerts.")
  var limit: Int = 100

  @OptionGroup var output: OutputOptions

  func run() throws {
    guard FileManager.default.fileExists(atPath: db) else {
      throw ValidationError("no database at \(db): run `vigil analyze` (or `vigil demo`) first")
    }
    let store = try SQLiteStore(path: db)
    let query = AlertQuery(
      since: try since.map { try Self.time($0, flag: "--since") },
      until: try until.map { try Self.time($0, flag: "--until") },
      minimumSeverity: output.minimumSeverity == .debug ? nil : output.minimumSeverity,
      rules: rule, namespace: namespace, user: user, text: grep, limit: limit)
    let alerts = try store.alerts(query).map(\.alert)
    let stdout = TextOutput.standardOutput()
    let format = output.format ?? (stdout.isTerminal ? .table : .json)
    stdout.write(format.render(alerts, header: true, colors: stdout.isTerminal && format == .table))
    stdout.flush()
    if alerts.isEmpty, stdout.isTerminal {
      stdout.write("no alerts match\n")
      stdout.flush()
    }
  }

  /// A point in time from `24h` (back from now) or an RFC 3339 timestamp.
  static func time(_ text: String, flag: String) throws -> Timestamp {
    if let absolute = Timestamp(rfc3339: text) { return absolute }
    guard let back = DurationText.parse(text) else {
      throw ValidationError(
        "\(flag): expected a duration like 24h or an RFC 3339 time, got \(text)")
    }
    return Timestamp(seconds: Date().timeIntervalSince1970).adding(.zero - back)
  }
}
