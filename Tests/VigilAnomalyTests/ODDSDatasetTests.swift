import Testing

@testable import VigilAnomaly

@Suite struct ODDSDatasetTests {
  @Test func readsFeaturesAndTheLabelColumnByName() throws {
    let csv = "a,label,b\r\n1.5,0,2\n-3,1,4e2\n\n0.25,0,-1\n"
    let dataset = try ODDSDataset(csv: Array(csv.utf8))
    #expect(dataset.featureNames == ["a", "b"])
    #expect(dataset.rows == 3)
    #expect(dataset.features == [1.5, 2, -3, 400, 0.25, -1])
    #expect(dataset.labels == [false, true, false])
    #expect(dataset.anomalies == 1)
    #expect(dataset.row(1) == [-3, 400])
    #expect(dataset.featureRanges == [-3...1.5, -1...400])
    #expect(dataset.malformedCount == 0)
  }

  @Test func malformedLinesAreSkippedWithTheirLineNumbers() throws {
    let csv = "x0,x1,label\n1,2,0\n1,oops,0\n1,2\n1,2,0,5\n3,4,1\n1,,0\n"
    let dataset = try ODDSDataset(csv: Array(csv.utf8))
    #expect(dataset.rows == 2)
    #expect(dataset.malformedCount == 4)
    #expect(dataset.malformed.map(\.line) == [3, 4, 5, 7])
    #expect(dataset.labels == [false, true])
  }

  @Test func aFileWithoutALabelColumnIsAnError() {
    #expect(throws: DatasetError.self) { try ODDSDataset(csv: Array("x0,x1\n1,2\n".utf8)) }
    do {
      _ = try ODDSDataset(csv: Array("x0,x1\n1,2\n".utf8), path: "t.csv")
    } catch {
      #expect(error.code == .missingLabelColumn)
      #expect(error.description == "t.csv: no header with a 'label' column")
    }
  }

  @Test func aMissingFileIsUnreadable() {
    do {
      _ = try ODDSDataset(contentsOf: "/nonexistent/vigil-anomaly.csv")
      Issue.record("expected an error")
    } catch {
      #expect(error.code == .unreadable(errno: 2))
    }
  }
}
