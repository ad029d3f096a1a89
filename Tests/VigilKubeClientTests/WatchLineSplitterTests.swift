import Testing
import VigilJSON

@testable import VigilKubeClient

@Suite struct WatchLineSplitterTests {
  private let stream =
    APIFixtures.event(
      "ADDED",
      APIFixtures.pod(name: "checkout-1", ip: "10.244.1.7", resourceVersion: "501", uid: "u1"))
    + "\r\n"
    + APIFixtures.bookmark(kind: "Pod", resourceVersion: "502")
    + APIFixtures.event(
      "DELETED",
      APIFixtures.pod(name: "checkout-1", ip: "10.244.1.7", resourceVersion: "503", uid: "u1"))

  /// Splits the stream at one point (and into single bytes) and checks the same lines come out.
  @Test func everySplitPointYieldsTheSameEvents() throws {
    let bytes = Array(stream.utf8)
    let expected = try lines(of: [bytes])
    #expect(expected.count == 3)
    for cut in stride(from: 0, through: bytes.count, by: 7) {
      #expect(try lines(of: [Array(bytes[..<cut]), Array(bytes[cut...])]) == expected)
    }
    #expect(try lines(of: bytes.map { [$0] }) == expected)
    let types = try expected.map { try WatchEvent(line: JSONDocument(parsing: $0)).type }
    #expect(types == [.added, .bookmark, .deleted])
  }

  @Test func unterminatedLastLineIsReturnedByFinish() throws {
    var splitter = WatchLineSplitter()
    splitter.append(Array("{\"a\":1}\n{\"b\":".utf8))
    #expect(try splitter.nextLine() == Array("{\"a\":1}".utf8))
    #expect(try splitter.nextLine() == nil)
    splitter.append(Array("2}".utf8))
    #expect(try splitter.nextLine() == nil)
    #expect(splitter.finish() == Array("{\"b\":2}".utf8))
  }

  @Test func consumedBytesAreReleasedAndLongLinesRejected() throws {
    var splitter = WatchLineSplitter(maximumLineBytes: 64)
    for _ in 0..<1000 {
      splitter.append(Array("{\"type\":\"BOOKMARK\"}\n{\"ty".utf8))
      _ = try splitter.nextLine()
      splitter.append(Array("pe\":1}\n".utf8))
      _ = try splitter.nextLine()
      _ = try splitter.nextLine()
    }
    #expect(splitter.bufferedBytes == 0)
    splitter.append([UInt8](repeating: 0x20, count: 100))
    #expect(throws: KubeClientError.self) { try splitter.nextLine() }
  }

  private func lines(of chunks: [[UInt8]]) throws -> [[UInt8]] {
    var splitter = WatchLineSplitter()
    var lines: [[UInt8]] = []
    for chunk in chunks {
      splitter.append(chunk)
      while let line = try splitter.nextLine() { lines.append(line) }
    }
    if let rest = splitter.finish() { lines.append(rest) }
    return lines
  }
}
