import Testing
import VigilCore

@testable import VigilNet

@Suite("FlowRecord JSON")
struct FlowRecordJSONTests {
  static let record = FlowRecord(
    start: Timestamp(rfc3339: "2026-11-29T10:00:00.25Z") ?? Timestamp(nanoseconds: 0),
    end: Timestamp(rfc3339: "2026-11-29T10:00:01.5Z"), proto: 6, sourceIP: "10.244.1.10",
    sourcePort: 41234, destinationIP: "93.184.216.34", destinationPort: 80,
    outcome: .established, bytesOut: 1281, bytesIn: 416_370, packetsOut: 23, packetsIn: 22,
    dnsName: "www.example.com", node: "node-1", source: "conntrack")

  @Test("a record survives encoding and decoding, Community ID included")
  func roundTrip() throws {
    let line = Self.record.jsonLine
    #expect(line.contains("\"communityID\":\"1:"))
    let decoded = VigilFlowDecoder.decode(line + "\n")
    #expect(decoded.diagnostics.isEmpty)
    #expect(decoded.records == [Self.record])
  }

  @Test("the line is the documented text, byte for byte")
  func exactText() {
    #expect(
      Self.record.jsonLine(communityID: false)
        == #"{"start":"2026-11-29T10:00:00.250000Z","end":"2026-11-29T10:00:01.500000Z","#
        + #""proto":6,"src":"10.244.1.10","sport":41234,"dst":"93.184.216.34","dport":80,"#
        + #""outcome":"established","bytesOut":1281,"bytesIn":416370,"packetsOut":23,"#
        + #""packetsIn":22,"dns":"www.example.com","node":"node-1","source":"conntrack"}"#)
    var zero = Self.record
    zero.sourcePort = 0
    zero.bytesOut = 0
    #expect(zero.jsonLine(communityID: false).contains(#""sport":0,"#))
    #expect(zero.jsonLine(communityID: false).contains(#""bytesOut":0,"#))
  }

  @Test("absent counters and names stay absent; quotes in names are escaped")
  func optionalFields() {
    var record = Self.record
    record.bytesIn = nil
    record.packetsIn = nil
    record.dnsName = "we\"ird"
    record.outcome = .refused
    let decoded = VigilFlowDecoder.decode(record.jsonLine)
    #expect(decoded.records == [record])
    #expect(!record.jsonLine.contains("bytesIn"))
  }

  @Test("bad lines are reported with their line numbers and the rest is read")
  func badLines() {
    let good = Self.record.jsonLine
    let text = [
      good, "not json", "{\"start\":\"yesterday\"}", "",
      good.replacingOccurrences(of: "\"dport\":80", with: "\"dport\":70000"),
      good.replacingOccurrences(of: "established", with: "sideways"),
      good.replacingOccurrences(of: "\"bytesOut\":1281", with: "\"bytesOut\":-1"), good,
    ].joined(separator: "\n")
    let decoded = VigilFlowDecoder.decode(text, file: "flows.jsonl")
    #expect(decoded.records.count == 2)
    #expect(decoded.diagnostics.map(\.position.line) == [2, 3, 5, 6, 7])
    #expect(decoded.skipped == 1)
    #expect(decoded.diagnostics.allSatisfy { $0.position.file == "flows.jsonl" })
  }

  @Test("gzip round trip, concatenated members, and the inflate bound")
  func gzip() throws {
    let text = Array(String(repeating: Self.record.jsonLine + "\n", count: 200).utf8)
    let packed = Gzip.compress(text)
    #expect(Gzip.isCompressed(packed))
    #expect(packed.count < text.count / 5)
    #expect(try Gzip.decompress(packed, limit: 1 << 20) == text)
    #expect(try Gzip.decompress(packed + packed, limit: 1 << 20) == text + text)
    #expect(throws: Gzip.Failure.self) { try Gzip.decompress(packed, limit: text.count - 1) }
    #expect(throws: Gzip.Failure.self) {
      try Gzip.decompress(Array(packed.prefix(20)), limit: 1 << 20)
    }
    #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Array("plain".utf8), limit: 1 << 20) }
    #expect(throws: Gzip.Failure.self) { try Gzip.decompress([], limit: 1 << 20) }
  }

  @Test("random bytes never crash the inflater")
  func gzipFuzz() {
    var generator = SystemRandomNumberGenerator()
    let valid = Gzip.compress(Array(Self.record.jsonLine.utf8))
    for _ in 0..<3000 {
      var bytes = valid
      for _ in 0..<Int.random(in: 1...6, using: &generator) {
        bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(
          in: 0...255, using: &generator)
      }
      if Bool.random(using: &generator) {
        bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count)))
      }
      _ = try? Gzip.decompress(bytes, limit: 1 << 16)
    }
  }
}
