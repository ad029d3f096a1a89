import Foundation
import Testing
import VigilTesting

@testable import VigilAnomaly

/// The models against their papers on ../shared/anchors/anomaly (targets: issue 7), on the whole
/// files, one seed each (the report's numbers are the mean over several seeds, release build).
@Suite struct AnomalyParityTests {
  @Test(.enabled(if: SharedData.shouldRun, "needs ../shared/anchors/anomaly"))
  func halfSpaceTreesOnHTTP() throws {
    let path = try SharedData.require("anchors/anomaly/http.csv").path
    let dataset = try ODDSDataset(contentsOf: path)
    #expect(dataset.rows == 567_498)
    #expect(dataset.anomalies == 2211)
    #expect(dataset.malformedCount == 0)
    var configuration = AnomalyEvaluation.Configuration()
    configuration.hstSeeds = [1]
    let row = AnomalyEvaluation.halfSpaceTrees(
      on: dataset, name: "http.csv", target: AnomalyEvaluation.Target.http,
      configuration: configuration)
    print(EvaluationReport(rows: [row]).text)
    #expect(row.rocAUC >= 0.99)
  }

  @Test(.enabled(if: SharedData.shouldRun, "needs ../shared/anchors/anomaly"))
  func halfSpaceTreesOnSMTP() throws {
    let path = try SharedData.require("anchors/anomaly/smtp.csv").path
    let dataset = try ODDSDataset(contentsOf: path)
    #expect(dataset.rows == 95_156)
    #expect(dataset.anomalies == 30)
    var configuration = AnomalyEvaluation.Configuration()
    configuration.hstSeeds = [1]
    let row = AnomalyEvaluation.halfSpaceTrees(
      on: dataset, name: "smtp.csv", target: AnomalyEvaluation.Target.smtp,
      configuration: configuration)
    print(EvaluationReport(rows: [row]).text)
    #expect(row.rocAUC >= 0.85)
  }

  @Test(.enabled(if: SharedData.shouldRun, "needs ../shared/anchors/anomaly"))
  func midasOnDARPA() throws {
    let path = try SharedData.require("anchors/anomaly/darpa_original.zip").path
    let stream = try DARPAEdgeStream(zipPath: path)
    #expect(stream.count == 4_554_344)
    #expect(stream.malformedCount == 0)
    #expect(stream.nodes == 25_524)
    #expect(stream.ticks.last == 46_572)
    #expect(stream.labels.reduce(0) { $0 + Int($1) } == 2_737_209)
    var configuration = AnomalyEvaluation.Configuration()
    configuration.midasSeeds = [1]
    let rows = AnomalyEvaluation.midas(
      on: stream, name: "darpa_original.zip", configuration: configuration)
    print(EvaluationReport(rows: rows).text)
    // With a 2-universal multiply-shift hash MIDAS lands at 0.889 and MIDAS-R at 0.948 (seeds
    // 1–6), just under the published bands, which come from the reference C++'s linear hash
    // modulo 1024 (its collisions group ids that agree in their low bits); see the report.
    #expect(rows[0].rocAUC >= 0.885)
    #expect(rows[1].rocAUC >= 0.945)
  }
}

/// The whole evaluation and the benchmark, printed; opt-in (`VIGIL_ANOMALY_EVAL=1`) because it
/// is meant for a release run: `swift test -c release --filter AnomalyReleaseEvaluation`.
@Suite struct AnomalyReleaseEvaluation {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["VIGIL_ANOMALY_EVAL"] == "1"))
  func printsTheEvaluationAndTheBenchmark() throws {
    let directory = try SharedData.require("anchors/anomaly").path
    var configuration = AnomalyEvaluation.Configuration()
    configuration.hstSeeds = [1, 2, 3, 4, 5, 6]
    let report = try AnomalyEvaluation.run(directory: directory, configuration: configuration)
    print(report.text)
    print(AnomalyBenchmark.run(points: 200_000, edges: 2_000_000))
    #expect(report.rows.count == 4)
  }
}
