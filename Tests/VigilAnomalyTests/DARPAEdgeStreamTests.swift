import Foundation
import Testing
import VigilTesting

@testable import VigilAnomaly

@Suite struct DARPAEdgeStreamTests {
  static let csv = """
    172.016.112.020,192.168.001.010,06/01/1998-07:55,-
    172.016.112.020,192.168.001.010,06/01/1998-07:55,-
    192.168.001.005,192.168.001.001,06/01/1998-08:01,-
    not-an-ip,192.168.001.001,06/01/1998-08:01,-
    192.168.001.005,172.016.112.020,06/02/1998-00:00,satan
    192.168.001.005,172.016.112.020,06/02/1998,-
    010.000.000.001,192.168.001.001,06/02/1998-00:00,portsweep\r

    """

  @Test func preparesEdgesLikeTheMIDASRepository() {
    let stream = DARPAEdgeStream(csv: Array(Self.csv.utf8))
    #expect(stream.count == 5)
    // Sorted distinct addresses: 010.000.000.001, 172.016.112.020, 192.168.001.001, .005, .010.
    #expect(stream.nodes == 5)
    #expect(stream.sources == [1, 1, 3, 3, 0])
    #expect(stream.destinations == [4, 4, 2, 1, 2])
    // Dense rank of the distinct timestamps, from 1.
    #expect(stream.ticks == [1, 1, 2, 3, 3])
    #expect(stream.labels == [0, 0, 0, 1, 1])
    #expect(stream.malformedCount == 2)
    #expect(stream.malformed.map(\.line) == [4, 6])
  }

  @Test func addressesAreNodesByTheirTextLikePandasCategories() {
    // The DARPA file writes one host both padded and not; the authors' preprocessing (string
    // categories) makes two nodes of it, in string order.
    let csv = """
      172.016.112.20,192.168.001.010,06/01/1998-07:55,-
      172.016.112.020,192.168.001.010,06/01/1998-07:56,-
      172.016.112.2,172.016.112.020,06/01/1998-07:57,-

      """
    let stream = DARPAEdgeStream(csv: Array(csv.utf8))
    // Text order: 172.016.112.020 < 172.016.112.2 < 172.016.112.20 < 192.168.001.010.
    #expect(stream.nodes == 4)
    #expect(stream.sources == [2, 0, 1])
    #expect(stream.destinations == [3, 3, 0])
    #expect(stream.largestSource == 2)
  }

  @Test func readsAZipArchiveBuiltByPythonInChunks() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vigil-anomaly-zip-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // Enough lines that the inflated entry spans several 1 MiB chunks.
    var text = ""
    for i in 0..<60_000 {
      text +=
        "010.000.\(String(format: "%03d", i % 200)).001,192.168.001.001,"
        + "06/0\(1 + i / 20_000)/1998-0\(i % 10):00,\(i % 3 == 0 ? "smurf" : "-")\n"
    }
    let csvPath = directory.appendingPathComponent("darpa_original.csv").path
    let zipPath = directory.appendingPathComponent("darpa.zip").path
    try text.write(toFile: csvPath, atomically: true, encoding: .utf8)
    _ = try Command.run([
      "python3", "-c",
      "import sys, zipfile; zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)"
        + ".write(sys.argv[2], 'darpa_original.csv')",
      zipPath, csvPath,
    ])
    let reader = try ZipEntryReader(contentsOf: zipPath)
    #expect(reader.name == "darpa_original.csv")
    #expect(reader.method == 8)
    #expect(reader.uncompressedSize == text.utf8.count)
    var chunks = 0
    var bytes = 0
    try reader.forEachChunk(chunkSize: 1 << 20) { chunk in
      chunks += 1
      bytes += chunk.count
      return true
    }
    #expect(chunks >= 2)
    #expect(bytes == text.utf8.count)

    let fromZip = try DARPAEdgeStream(zipPath: zipPath)
    let fromText = DARPAEdgeStream(csv: Array(text.utf8))
    #expect(fromZip.count == 60_000)
    #expect(fromZip.sources == fromText.sources)
    #expect(fromZip.ticks == fromText.ticks)
    #expect(fromZip.labels == fromText.labels)
    #expect(fromZip.labels.filter { $0 == 1 }.count == 20_000)
    #expect(fromZip.malformedCount == 0)
    let prefix = try DARPAEdgeStream(zipPath: zipPath, limit: 1000)
    #expect(prefix.count == 1000)
    #expect(prefix.labels == Array(fromText.labels.prefix(1000)))
  }

  @Test func aDamagedArchiveIsReportedNotCrashedOn() throws {
    #expect(throws: DatasetError.self) { try ZipEntryReader(archive: Array("PK no".utf8)) }
    // A valid header whose deflate data are garbage.
    var archive: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0, 8, 0]
    archive += [UInt8](repeating: 0, count: 8)  // time, date, crc
    archive += [8, 0, 0, 0, 100, 0, 0, 0, 1, 0, 0, 0]  // sizes 8 / 100, name length 1
    archive += Array("x".utf8) + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
    let reader = try ZipEntryReader(archive: archive)
    do {
      try reader.forEachChunk { _ in true }
      Issue.record("expected an error")
    } catch {
      switch error.code {
      case .inflate, .checksumMismatch: break
      default: Issue.record("unexpected \(error)")
      }
    }
  }
}
