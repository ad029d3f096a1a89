import Testing
import VigilCore
import VigilPipeline

@testable import VigilSinks

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct RotatingFileSenderTests {
  /// Ten alerts whose lines all have the same length.
  let alerts = (0..<10).map { SinkFixtures.alert(rule: "rule-\($0)") }

  @Test func rotatesAtMaxBytesAndKeepsMaxFiles() async throws {
    let lineLength = AlertJSON.line(alerts[0]).utf8.count
    #expect(Set(alerts.map { AlertJSON.line($0).utf8.count }) == [lineLength])
    let path = SinkFixtures.temporaryDirectory() + "/out/alerts.json"
    let sender = try RotatingFileSender(path: path, maxBytes: 3 * lineLength, maxFiles: 2)
    for (index, alert) in alerts.enumerated() {
      try await sender.send(alert, deliveryID: Int64(index))
    }
    // 10 lines, 3 per file: rule-9 | rule-6…8 | rule-3…5; rule-0…2 dropped.
    #expect(try rules(in: path) == ["rule-9"])
    #expect(try rules(in: path + ".1") == ["rule-6", "rule-7", "rule-8"])
    #expect(try rules(in: path + ".2") == ["rule-3", "rule-4", "rule-5"])
    #expect(SinkFixtures.contents(of: path + ".3") == nil)
    for file in [path, path + ".1", path + ".2"] {
      #expect((SinkFixtures.contents(of: file)?.utf8.count ?? .max) <= 3 * lineLength)
    }
  }

  @Test func keepsNoRotatedFilesWhenMaxFilesIsZero() async throws {
    let lineLength = AlertJSON.line(alerts[0]).utf8.count
    let path = SinkFixtures.temporaryDirectory() + "/alerts.json"
    let sender = try RotatingFileSender(path: path, maxBytes: 2 * lineLength, maxFiles: 0)
    for (index, alert) in alerts.prefix(5).enumerated() {
      try await sender.send(alert, deliveryID: Int64(index))
    }
    #expect(try rules(in: path) == ["rule-4"])
    #expect(SinkFixtures.contents(of: path + ".1") == nil)
  }

  @Test func reopensAFileRemovedBehindItsBack() async throws {
    let path = SinkFixtures.temporaryDirectory() + "/alerts.json"
    let sender = try RotatingFileSender(path: path, maxBytes: 1 << 20, maxFiles: 2)
    try await sender.send(alerts[0], deliveryID: 1)
    #expect(unlink(path) == 0)
    try await sender.send(alerts[1], deliveryID: 2)
    #expect(try rules(in: path) == ["rule-1"])
    #expect(rename(path, path + ".moved") == 0)
    try await sender.send(alerts[2], deliveryID: 3)
    #expect(try rules(in: path) == ["rule-2"])
    #expect(try rules(in: path + ".moved") == ["rule-1"])
  }

  /// The rules of the alerts in a JSON-lines file.
  func rules(in path: String) throws -> [String] {
    try SinkFixtures.lines(path).map { try AlertJSON.decode($0).rule }
  }
}
