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
    #expect(stream.nodes == 25_524)
    #expect(stream.ticks.last == 46_572)
    #expect(stream.labels.reduce(0) { $0 + Int($1) } == 2_737_209)
    var configuration = AnomalyEvaluation.Configuration()
    configuration.midasSeeds = [1]
    // Reference hashing with seeds the MIDAS authors logged (MIDASReferenceRuns): their 4th
    // MIDAS run and their 1st MIDAS-R run; no abs variant, to keep this debug test short.
    configuration.midasReferenceSeeds = [MIDASReferenceRuns.normal[3].seed]
    configuration.midasRReferenceSeeds = [MIDASReferenceRuns.relational[0].seed]
    configuration.includesAbsoluteReference = false
    let rows = AnomalyEvaluation.midas(
      on: stream, name: "darpa_original.zip", configuration: configuration)
    print(EvaluationReport(rows: rows).text)
    try #require(rows.count == 4)
    // Multiply-shift (Vigil's default): MIDAS 0.889, MIDAS-R 0.948 over seeds 1–10, just under
    // the published bands.
    #expect(rows[0].rocAUC >= 0.885)
    #expect(rows[2].rocAUC >= 0.945)
    // The released reference C++ replicated bit for bit (glibc rand, 32-bit int hashing, float
    // scores, the %f score file): both land in their published bands with these seeds (MIDAS
    // 0.9052, MIDAS-R 0.9505). Over the authors' first 10 logged seeds the replica gives MIDAS
    // 0.8950 or 0.9052 (5 each: with 1024 buckets the hash keeps only the low bits of
    // a + 104729·b, so only the multipliers' low bits matter) and MIDAS-R 0.9495–0.9526; it
    // does not reproduce the logged per-seed values (0.8974–0.9107), which came from the
    // authors' 2020 experiment code, not the released hash.
    #expect(AnomalyEvaluation.Target.midas.contains(rows[1].rocAUC))
    #expect(abs(rows[1].rocAUC - 0.9052) < 0.0005)
    #expect(AnomalyEvaluation.Target.midasR.contains(rows[3].rocAUC))
    #expect(abs(rows[3].rocAUC - 0.9505) < 0.0005)
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
    configuration.midasSeeds = Array(1...10)
    configuration.midasReferenceSeeds = MIDASReferenceRuns.normal.prefix(10).map(\.seed)
    configuration.midasRReferenceSeeds = MIDASReferenceRuns.relational.prefix(10).map(\.seed)
    let report = try AnomalyEvaluation.run(directory: directory, configuration: configuration)
    print(report.text)
    print(report.seedText)
    print(AnomalyBenchmark.run(points: 200_000, edges: 2_000_000))
    #expect(report.rows.count == 8)
  }
}
