import ArgumentParser
import Foundation
import VigilAnomaly
import VigilCore
import VigilPipeline

/// `vigil eval`: checks the anomaly models against their papers on the published datasets, and
/// runs the scenario suite (simulated cluster days with injected attacks) through the pipeline.
struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Evaluate the anomaly models (datasets) and the whole pipeline (scenarios).",
    subcommands: [EvalModelsCommand.self, EvalScenariosCommand.self],
    defaultSubcommand: EvalModelsCommand.self)
}

/// `vigil eval models` (the default): ROC-AUC of Half-Space Trees on KDD http/smtp and of
/// MIDAS / MIDAS-R on the DARPA edge stream, next to the published scores, with throughput.
struct EvalModelsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "models",
    abstract: "ROC-AUC of the models on the published datasets, against the papers' scores.",
    discussion: """
      The directory holds http.csv, smtp.csv and darpa_original.zip (../shared/anchors/anomaly \
      in Vigil's development layout). Build with -c release for meaningful throughput.
      """)

  @Option(help: "The directory with the datasets.")
  var data: String = "../shared/anchors/anomaly"

  func run() throws {
    guard FileManager.default.fileExists(atPath: data) else {
      throw ValidationError("no dataset directory at \(data) (see --data)")
    }
    do {
      let report = try AnomalyEvaluation.run(directory: data)
      print(report.text, terminator: report.text.hasSuffix("\n") ? "" : "\n")
    } catch {
      throw ValidationError("cannot evaluate: \(error)")
    }
  }
}

/// `vigil eval scenarios`: several simulated days of a cluster with injected attacks through the
/// rules and every detector; prints per attack whether and when it was detected, and the false
/// alerts per simulated day after learning.
struct EvalScenariosCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scenarios",
    abstract: "Simulated cluster days with injected attacks through the whole pipeline.")

  @OptionGroup var rules: RuleOptions

  @Option(help: "Seeds to run (repeatable).")
  var seed: [UInt64] = [1]

  @Option(help: "Simulated days (the first --learning-days learn).")
  var days: Int = 3

  @Option(help: "Days of learning before attacks are injected.")
  var learningDays: Int = 1

  @Flag(help: "Benign traffic only (no attacks): false alerts per day.")
  var benign = false

  func validate() throws {
    guard days >= 2, learningDays >= 1, learningDays < days else {
      throw ValidationError("need --days ≥ 2 and 1 ≤ --learning-days < --days")
    }
  }

  func run() throws {
    let ruleSet = try rules.load()
    var failed = false
    for seed in seed {
      var configuration = ClusterSimulator.Configuration()
      configuration.seed = seed
      configuration.days = days
      configuration.learningDays = learningDays
      configuration.attacks = benign ? [] : ScenarioAttack.Kind.allCases
      let history = ClusterSimulator.run(configuration)
      var analyzer = try StandardScenarioAnalyzer(
        rules: ruleSet, snapshot: history.snapshot, start: history.start)
      let report = ScenarioRunner.run(history, analyzer: &analyzer)
      print("seed \(seed)")
      print(report.text, terminator: report.text.hasSuffix("\n") ? "" : "\n")
      failed = failed || !report.meetsTargets
    }
    if failed { throw ExitCode(1) }
  }
}
