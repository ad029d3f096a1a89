import ArgumentParser
import Foundation
import Logging
import Metrics
import VigilLogging
import VigilPipeline
import VigilServer

/// `vigil serve`: the audit webhook, durable queue, detection and alert delivery, until
/// SIGTERM/SIGINT; SIGHUP (or a change of a watched file) reloads rules and configuration.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Run the audit webhook and deliver alerts (the in-cluster mode).",
    discussion: """
      Every setting comes from defaults < --config file < VIGIL_* environment < flags. \
      Settings (each also VIGIL_<KEY> in the environment; docs/deploy.md has the table):

      \(ServeConfiguration.options.map { "  --\($0.flag) VALUE\n      \($0.help) (default \($0.defaultText.replacingOccurrences(of: "`", with: "")))" }.joined(separator: "\n"))

      Sinks: --sink 'KIND[:NAME],key=value,…' (repeatable; KIND is stdout, file, webhook, slack \
      or falcosidekick), or the config file's `sinks:` list, or VIGIL_SINK_<NAME>_<OPTION>.

      Example: vigil serve --listen 127.0.0.1:8080 --auth-tokens s3cret --store /tmp/vigil.db \
      --sink 'file:alerts,path=/tmp/alerts.jsonl'
      """)

  @Option(help: "The YAML configuration file (also VIGIL_CONFIG).")
  var config: String?

  @Option(name: .customLong("sink"), help: "An alert destination: 'KIND[:NAME],key=value,…'.")
  var sinks: [String] = []

  @Flag(help: "Check the configuration, rules and sinks, then exit without serving.")
  var check = false

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp("Settings as --flag VALUE (listed above).", valueName: "settings"))
  var settings: [String] = []

  func run() async throws {
    let environment = ProcessInfo.processInfo.environment
    let flags = try Self.flags(settings)
    let file = config ?? environment["VIGIL_CONFIG"]
    let sinkSpecs = sinks
    let resolve: @Sendable () throws -> ServeConfiguration = {
      try ServeConfiguration.resolve(
        file: file, environment: environment, flags: flags, sinkSpecs: sinkSpecs)
    }
    // A ConfigurationError prints as `file:line:column: …` (no usage text: the flags are fine).
    let configuration = try resolve()
    let logger = Self.bootstrapLogging(configuration.log)
    if check {
      try ServeCheck.run(configuration)
      print(
        "configuration OK: \(configuration.rules.count) rule file(s), \(configuration.sinks.count) sink(s)"
      )
      return
    }
    let metrics = PrometheusMetrics()
    MetricsSystem.bootstrap(metrics.factory)
    let runtime = ServeRuntime(
      configuration: configuration, reread: resolve, metrics: metrics, logger: logger)
    try await runtime.run { port in
      logger.info("listening", metadata: ["listen.port": "\(port)"])
    }
  }

  /// `--key value`, `--key=value` and bare `--flag` (true) → flag name without dashes → value.
  static func flags(_ arguments: [String]) throws -> [String: String] {
    var flags: [String: String] = [:]
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      guard argument.hasPrefix("--"), argument.count > 2 else {
        throw ValidationError("unexpected argument '\(argument)': settings are --flag VALUE")
      }
      let body = argument.dropFirst(2)
      if let equals = body.firstIndex(of: "=") {
        flags[String(body[..<equals])] = String(body[body.index(after: equals)...])
        index += 1
      } else if index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") {
        flags[String(body)] = arguments[index + 1]
        index += 2
      } else {
        flags[String(body)] = "true"
        index += 1
      }
    }
    return flags
  }

  /// Installs the log handler the configuration asks for; returns the server's logger.
  static func bootstrapLogging(_ log: ServeConfiguration.Log) -> Logger {
    LogSetup.bootstrap(level: log.level, format: log.format == .json ? .json : .text)
  }
}
