import Foundation
import Testing
import VigilCore
import VigilNet

@testable import VigilAgent

@Suite("FlowSpool")
struct FlowSpoolTests {
  static func records(_ count: Int, from first: Int = 0) -> [FlowRecord] {
    (first..<first + count).map { i in
      FlowRecord(
        start: Timestamp(nanoseconds: Int64(i) * 1_000_000_000), proto: 6, sourceIP: "10.244.1.10",
        sourcePort: UInt16(30_000 + i % 30_000), destinationIP: "93.184.216.34",
        destinationPort: 443, outcome: .established, bytesOut: UInt64(i), node: "n1",
        source: "conntrack")
    }
  }

  static func temporaryDirectory() -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vigil-spool-\(UUID().uuidString)"
    ).path
    return path
  }

  static func decode(_ body: [UInt8]) throws -> [FlowRecord] {
    let text = String(decoding: try Gzip.decompress(body, limit: 1 << 26), as: UTF8.self)
    let decoded = VigilFlowDecoder.decode(text)
    #expect(decoded.diagnostics.isEmpty)
    return decoded.records
  }

  @Test("batches come back oldest first, and survive reopening with the same agent id")
  func orderAndRestart() throws {
    let directory = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let spool = try FlowSpool(directory: directory)
    try spool.append(Self.records(3))
    try spool.append(Self.records(2, from: 3))
    #expect(spool.spooledRecords == 5)
    let reopened = try FlowSpool(directory: directory)
    #expect(reopened.agentID == spool.agentID)
    #expect(reopened.segments.map(\.records) == [3, 2])
    let first = try #require(reopened.oldest())
    #expect(try Self.decode(first.body) == Self.records(3))
    reopened.remove(first.segment)
    let second = try #require(reopened.oldest())
    #expect(try Self.decode(second.body) == Self.records(2, from: 3))
    try reopened.append(Self.records(1, from: 5))
    #expect(reopened.segments.last?.sequence ?? 0 > second.segment.sequence)
    reopened.remove(second.segment)
    #expect(try FlowSpool(directory: directory).spooledRecords == 1)
  }

  @Test("past its bounds the spool drops the oldest batches and counts their records")
  func bounds() throws {
    let directory = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let spool = try FlowSpool(directory: directory, maxSegments: 3)
    for i in 0..<5 { try spool.append(Self.records(10 + i, from: i * 100)) }
    #expect(spool.segments.count == 3)
    #expect(spool.droppedRecords == 10 + 11)
    #expect(spool.droppedSegments == 2)
    #expect(try Self.decode(try #require(spool.oldest()).body) == Self.records(12, from: 200))

    let small = try FlowSpool(directory: directory + "-bytes", maxBytes: 1)
    defer { try? FileManager.default.removeItem(atPath: directory + "-bytes") }
    try small.append(Self.records(5))
    try small.append(Self.records(5))
    #expect(small.segments.count == 1)  // the newest batch is always kept
    #expect(small.droppedRecords == 5)
  }

  @Test("interrupted writes are discarded and unreadable files moved aside")
  func leftovers() throws {
    let directory = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let spool = try FlowSpool(directory: directory)
    try spool.append(Self.records(2))
    _ = FileManager.default.createFile(
      atPath: directory + "/00000000000000000009-4.ndjson.gz.tmp", contents: Data([1]))
    _ = FileManager.default.createFile(
      atPath: directory + "/garbage.ndjson.gz", contents: Data([1]))
    let reopened = try FlowSpool(directory: directory)
    #expect(reopened.segments.count == 1)
    #expect(reopened.unreadableFiles == 1)
    let names = try FileManager.default.contentsOfDirectory(atPath: directory)
    #expect(!names.contains { $0.hasSuffix(".tmp") })
    #expect(names.contains("garbage.ndjson.gz.bad"))
  }
}
