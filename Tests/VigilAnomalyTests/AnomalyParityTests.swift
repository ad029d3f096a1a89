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
    // 25 trees (the paper's) instead of the evaluation's 50, to keep this debug test near 30 s;
    // http.csv is ≥ 0.99 on every seed with either (the release evaluation runs 50 × 6 seeds).
    configuration.trees = 25
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
    // 25,525 address texts (one host is written two ways), as the authors' preprocessing has.
    #expect(stream.nodes == 25_525)
    #expect(stream.largestSource == 25_524)
    #expect(stream.ticks.last == 46_572)
    #expect(stream.labels.reduce(0) { $0 + Int($1) } == 2_737_209)
    var configuration = AnomalyEvaluation.Configuration()
    configuration.midasSeeds = [1]
    // The authors' hashing with two of their logged runs each (all 42 in `vigil eval`).
    configuration.midasReferenceRuns = [MIDASReferenceRuns.normal[0], MIDASReferenceRuns.normal[4]]
    configuration.midasRReferenceRuns = [MIDASReferenceRuns.relational[2]]
    let rows = AnomalyEvaluation.midas(
      on: stream, name: "darpa_original.zip", configuration: configuration)
    print(EvaluationReport(rows: rows).text)
    try #require(rows.count == 4)
    // Multiply-shift (Vigil's default): MIDAS 0.889, MIDAS-R 0.95 over seeds 1–10.
    #expect(rows[0].rocAUC >= 0.885)
    #expect(rows[2].rocAUC >= 0.945)
    // The authors' runs, reproduced to the 6th decimal: MIDAS 0.908908 and 0.910699, MIDAS-R
    // 0.954505.
    #expect(rows[1].seedROCAUCs.count == 2)
    #expect(rows[1].reproducedRuns == 2)
    #expect(rows[3].reproducedRuns == 1)
    #expect(AnomalyEvaluation.Target.midas.contains(rows[1].rocAUC))
    #expect(AnomalyEvaluation.Target.midasR.contains(rows[3].rocAUC))
  }
}
