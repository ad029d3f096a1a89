import Testing

@testable import VigilAnomaly

@Suite struct AnomalyEvaluationTests {
  @Test func halfSpaceTreesOnASmallDatasetProducesARowThatMeetsAnEasyTarget() throws {
    var random = SplitMix64(seed: 3)
    var csv = "x0,x1,x2,label\n"
    for i in 0..<3000 {
      let anomaly = i > 1000 && i % 250 == 0
      let base = anomaly ? 0.95 : 0.5
      let values = (0..<3).map { _ in base + (random.nextUnit() - 0.5) * 0.1 }
      csv += values.map { "\($0)" }.joined(separator: ",") + ",\(anomaly ? 1 : 0)\n"
    }
    let dataset = try ODDSDataset(csv: Array(csv.utf8))
    var configuration = AnomalyEvaluation.Configuration()
    configuration.depth = 8
    configuration.hstSeeds = [1, 2]
    let row = AnomalyEvaluation.halfSpaceTrees(
      on: dataset, name: "synthetic.csv", target: 0.9...1, configuration: configuration)
    #expect(row.items == 3000)
    #expect(row.anomalies == 7)
    #expect(row.rocAUC > 0.9)
    #expect(row.meetsTarget)
    #expect(row.rate > 0 && row.ceiling > 0)
    #expect(row.rocAUCSpread.contains(row.rocAUC))
  }

  @Test func midasRowsOnASyntheticStream() {
    var csv = ""
    for minute in 0..<40 {
      let stamp = "06/01/1998-\(minute < 30 ? "10" : "11"):\(String(minute % 30 + 10))"
      for host in 1...9 { csv += "010.000.000.00\(host),192.168.001.001,\(stamp),-\n" }
      if minute == 35 {
        for port in 0..<60 {
          csv += "066.066.066.\(String(100 + port % 100)),192.168.001.002,\(stamp),neptune\n"
        }
      }
    }
    let stream = DARPAEdgeStream(csv: Array(csv.utf8))
    var configuration = AnomalyEvaluation.Configuration()
    configuration.midasSeeds = [1]
    configuration.midasReferenceRuns = [.init(seed: 7, rocAUC: 0.5)]
    configuration.midasRReferenceRuns = [.init(seed: 8, rocAUC: 0.5), .init(seed: 9, rocAUC: 0.5)]
    let rows = AnomalyEvaluation.midas(on: stream, name: "synthetic", configuration: configuration)
    #expect(
      rows.map(\.model) == [
        "MIDAS 2×1024 mshift", "MIDAS 2×1024 ref", "MIDAS-R 2×1024 α=0.60 mshift",
        "MIDAS-R 2×1024 α=0.60 ref",
      ])
    #expect(rows.allSatisfy { $0.rocAUC > 0.9 && $0.items == 420 && $0.anomalies == 60 })
    #expect(rows[0].target == AnomalyEvaluation.Target.midas)
    #expect(rows[3].seedROCAUCs.count == 2)
    // The logged values are not this stream's: nothing is reproduced, and the report says so.
    #expect(rows[3].loggedROCAUCs == [0.5, 0.5])
    #expect(rows[3].reproducedRuns == 0)
    #expect(rows[0].loggedROCAUCs.isEmpty)
    #expect(
      EvaluationReport(rows: rows).seedText.contains("MIDAS-R 2×1024 α=0.60 ref on synthetic: "))
    #expect(rows[3].target == AnomalyEvaluation.Target.midasR)
    let report = EvaluationReport(rows: rows)
    #expect(report.text.contains("of 4 rows meet their published target"))
    #expect(report.text.contains("MIDAS-R 2×1024 α=0.60 ref: 0 of 2 logged runs reproduced"))

    configuration.midasReferenceRuns = []
    let fewer = AnomalyEvaluation.midas(on: stream, name: "synthetic", configuration: configuration)
    #expect(
      fewer.map(\.model) == [
        "MIDAS 2×1024 mshift", "MIDAS-R 2×1024 α=0.60 mshift", "MIDAS-R 2×1024 α=0.60 ref",
      ])
  }

  @Test func theReportTableShowsTargetsAndVerdicts() {
    let row = EvaluationReport.Row(
      model: "HST", dataset: "http.csv", items: 10, anomalies: 1, rocAUC: 0.995,
      rocAUCSpread: 0.99...0.999, target: 0.99...1, rate: 250_000, ceiling: 5_000_000,
      malformed: 0)
    var failing = row
    failing.rocAUC = 0.5
    failing.dataset = "smtp.csv"
    let report = EvaluationReport(rows: [row, failing])
    let lines = report.text.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(
      lines[1].contains("http.csv") && lines[1].contains("0.9950") && lines[1].contains("≥ 0.990"))
    #expect(lines[1].contains("yes") && lines[1].contains("250.0 k") && lines[1].contains("5.00 M"))
    #expect(lines[1].contains("0.050"))
    #expect(lines[2].contains("NO"))
    #expect(!report.allMeetTargets)
    #expect(lines[3] == "1 of 2 rows meet their published target")
  }

  @Test func theBenchmarkRunsOnATinyInput() {
    let result = AnomalyBenchmark.run(points: 600, edges: 3000)
    #expect(result.points == 600 && result.edges == 3000)
    #expect(result.hstPointsPerSecond > 0 && result.pointCeiling > 0)
    #expect(result.midasEdgesPerSecond > 0 && result.midasREdgesPerSecond > 0)
    #expect(result.edgeCeiling > 0)
    #expect(result.midasReferenceEdgesPerSecond > 0 && result.midasRReferenceEdgesPerSecond > 0)
    #expect(result.description.contains("MIDAS-R"))
  }
}
