import Foundation
import Testing
import VigilAudit
import VigilCore
import VigilTesting

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Tailing one audit log file: incremental appends, partial and bad lines, a missing file,
/// starting at the end, long lines, many polls over a large file, Falco's real events.
@Suite struct AuditLogFollowerTests {
  @Test func appendsArePickedUpIncrementally() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.url.appendingPathComponent("audit.log").path
    let writer = try AppendingWriter(path)
    try writer.append(FollowLog.lines(1...3))
    var follower = AuditLogFollower(path: path)

    let first = try #require(try follower.poll(maxEvents: 100))
    #expect(first.events.map(\.audit?.auditID) == ["id-1", "id-2", "id-3"])
    #expect(first.events.map(\.position) == (1...3).map { SourcePosition(file: path, line: $0) })
    #expect(first.checkpoint.line == 4)
    #expect(first.checkpoint.offset == FollowLog.lines(1...3).utf8.count)
    #expect(first.lines == 3)
    #expect(try follower.poll(maxEvents: 100) == nil)

    try writer.append(FollowLog.lines(4...5))
    let second = try #require(try follower.poll(maxEvents: 100))
    #expect(second.events.map(\.audit?.auditID) == ["id-4", "id-5"])
    #expect(second.events.map(\.position.line) == [4, 5])
    #expect(try follower.poll(maxEvents: 100) == nil)
    #expect(follower.status == .following)
    #expect(follower.statistics.linesRead == 5)
    #expect(follower.statistics.eventsDecoded == 5)
    #expect(follower.statistics.bytesRead == FollowLog.lines(1...5).utf8.count)
    #expect(follower.statistics.filesOpened == 1)
    #expect(follower.checkpoint == second.checkpoint)
  }

  @Test func partialLineWaitsForItsNewline() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.url.appendingPathComponent("audit.log").path
    let writer = try AppendingWriter(path)
    let second = FollowLog.line(2)
    let cut = second.index(second.startIndex, offsetBy: 100)
    try writer.append(FollowLog.line(1) + second[..<cut])
    var follower = AuditLogFollower(path: path)

    let batch = try #require(try follower.poll(maxEvents: 10))
    #expect(batch.events.map(\.audit?.auditID) == ["id-1"])
    #expect(batch.checkpoint.offset == FollowLog.line(1).utf8.count)
    #expect(try follower.poll(maxEvents: 10) == nil)

    try writer.append(String(second[cut...]))
    let rest = try #require(try follower.poll(maxEvents: 10))
    #expect(rest.events.map(\.audit?.auditID) == ["id-2"])
    #expect(rest.events.first?.position.line == 2)
    #expect(rest.diagnostics.isEmpty)
    #expect(follower.statistics.linesRead == 2)
  }

  @Test func badLinesAreReportedWithTheirLineAndSkipped() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let text =
      [
        FollowLog.event(1), "this is not json", FollowLog.event(3), "", #"{"kind":"Pod"}"#,
        FollowLog.event(6),
      ].joined(separator: "\n") + "\n"
    let path = try dir.write("audit.log", text)
    var follower = AuditLogFollower(path: path)

    let batch = try #require(try follower.poll(maxEvents: 100))
    #expect(batch.events.map(\.audit?.auditID) == ["id-1", "id-3", "id-6"])
    #expect(batch.events.map(\.position.line) == [1, 3, 6])
    #expect(batch.diagnostics.map(\.code) == [.notJSON, .notAuditEvent])
    #expect(
      batch.diagnostics.map(\.position) == [.init(file: path, line: 2), .init(file: path, line: 5)])
    #expect(batch.diagnostics.first?.description.hasPrefix("\(path):2: not JSON") == true)
    #expect(batch.lines == 6)
    #expect(batch.checkpoint.line == 7)
    #expect(follower.statistics.count(.notJSON) == 1)
    #expect(follower.statistics.count(.notAuditEvent) == 1)
    #expect(follower.statistics.eventsDecoded == 3)
  }

  @Test func missingFileIsWaitedForThenPickedUp() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.url.appendingPathComponent("audit.log").path
    var follower = AuditLogFollower(path: path)
    #expect(try follower.poll(maxEvents: 10) == nil)
    #expect(follower.status == .waitingForFile)
    #expect(follower.checkpoint == nil)
    #expect(try follower.poll(maxEvents: 10) == nil)

    try dir.write("audit.log", FollowLog.lines(1...2))
    let batch = try #require(try follower.poll(maxEvents: 10))
    #expect(batch.events.map(\.audit?.auditID) == ["id-1", "id-2"])
    #expect(follower.status == .following)
  }

  @Test func startAtEndReadsOnlyNewLines() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.url.appendingPathComponent("audit.log").path
    let writer = try AppendingWriter(path)
    let fourth = FollowLog.line(4)
    let cut = fourth.index(fourth.startIndex, offsetBy: 50)
    try writer.append(FollowLog.lines(1...3) + fourth[..<cut])
    var configuration = AuditLogFollower.Configuration()
    configuration.startAt = .end
    var follower = AuditLogFollower(path: path, configuration: configuration)
    #expect(try follower.poll(maxEvents: 10) == nil)
    #expect(follower.checkpoint?.line == 4)
    #expect(follower.checkpoint?.offset == FollowLog.lines(1...3).utf8.count)

    try writer.append(String(fourth[cut...]) + FollowLog.line(5))
    let batch = try #require(try follower.poll(maxEvents: 10))
    #expect(batch.events.map(\.audit?.auditID) == ["id-4", "id-5"])
    #expect(batch.events.map(\.position.line) == [4, 5])
  }

  @Test func tooLongLineIsReportedAndSkippedEvenAcrossPollsAndRestarts() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.url.appendingPathComponent("audit.log").path
    let writer = try AppendingWriter(path)
    var configuration = AuditLogFollower.Configuration()
    configuration.maxLineBytes = 2000
    configuration.chunkSize = 1024
    try writer.append(FollowLog.line(1) + String(repeating: "x", count: 3000))
    var follower = AuditLogFollower(path: path, configuration: configuration)

    let first = try #require(try follower.poll(maxEvents: 10))
    #expect(first.events.map(\.audit?.auditID) == ["id-1"])
    #expect(first.diagnostics.map(\.code) == [.truncated])
    #expect(first.diagnostics.map(\.position.line) == [2])
    #expect(first.checkpoint.insideSkippedLine)
    #expect(first.checkpoint.line == 2)

    try writer.append(String(repeating: "y", count: 3000) + "\n" + FollowLog.line(3))
    var restarted = AuditLogFollower(
      path: path, checkpoint: first.checkpoint, configuration: configuration)
    let rest = try #require(try restarted.poll(maxEvents: 10))
    #expect(rest.events.map(\.audit?.auditID) == ["id-3"])
    #expect(rest.events.map(\.position.line) == [3])
    #expect(rest.diagnostics.isEmpty)

    let same = try #require(try follower.poll(maxEvents: 10))
    #expect(same.events.map(\.audit?.auditID) == ["id-3"])
    #expect(same.checkpoint == rest.checkpoint)
    #expect(follower.statistics.count(.truncated) == 1)
    #expect(follower.statistics.linesRead == 3)
  }

  @Test func tooLongCompleteLineIsSkippedWhateverTheChunks() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let long = #"{"kind":"Event","auditID":"\#(String(repeating: "x", count: 1500))"}"#
    let path = try dir.write("audit.log", FollowLog.line(1) + long + "\n" + FollowLog.line(3))
    var configuration = AuditLogFollower.Configuration()
    configuration.maxLineBytes = 1000
    var follower = AuditLogFollower(path: path, configuration: configuration)
    let batch = try #require(try follower.poll(maxEvents: 10))
    #expect(batch.events.map(\.audit?.auditID) == ["id-1", "id-3"])
    #expect(batch.diagnostics.map(\.code) == [.truncated])
    #expect(batch.diagnostics.map(\.position.line) == [2])
    #expect(batch.diagnostics.first?.message == "line longer than 1000 bytes: skipped")
    #expect(batch.checkpoint.insideSkippedLine == false)
    #expect(batch.lines == 3)
  }

  @Test func largeFileAcrossManyPollsWithExactCounts() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.url.appendingPathComponent("audit.log").path
    let writer = try AppendingWriter(path)
    try writer.append(FollowLog.lines(1...20_000))
    var configuration = AuditLogFollower.Configuration()
    configuration.chunkSize = 4096
    var follower = AuditLogFollower(path: path, configuration: configuration)

    let clock = ContinuousClock()
    var ids: [String] = []
    var batches = 0
    let elapsed = try clock.measure {
      while let batch = try follower.poll(maxEvents: 777) {
        #expect(batch.events.count <= 777)
        #expect(batch.events.first?.position.line == ids.count + 1)
        ids.append(contentsOf: batch.events.compactMap(\.audit?.auditID))
        batches += 1
        if batches == 10 { try writer.append(FollowLog.lines(20_001...25_000)) }
      }
    }
    #expect(ids == (1...25_000).map { "id-\($0)" })
    #expect(batches == (25_000 + 776) / 777)
    #expect(follower.statistics.eventsDecoded == 25_000)
    #expect(follower.statistics.linesRead == 25_000)
    #expect(follower.statistics.bytesRead == FollowLog.lines(1...25_000).utf8.count)
    #expect(follower.checkpoint?.line == 25_001)
    print("AuditLogFollower: 25,000 lines in \(batches) polls, \(elapsed)")
  }

  @Test(.enabled(if: SharedData.shouldRun, "../shared is absent (not a CI run)"))
  func falcoRegressionEventsFollowedAsTheyAreAppended() throws {
    let folder = try SharedData.require("anchors/falco-k8saudit/events")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".json") && $0 != "fal_01_003.json" }.sorted()
    #expect(names.count >= 30)
    let lines = try names.map {
      try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        .trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.url.appendingPathComponent("audit.log").path
    let writer = try AppendingWriter(path)
    var follower = AuditLogFollower(path: path)
    var events: [Event] = []
    for part in stride(from: 0, to: lines.count, by: 7) {
      try writer.append(lines[part..<min(part + 7, lines.count)].map { $0 + "\n" }.joined())
      while let batch = try follower.poll(maxEvents: 5) {
        #expect(batch.diagnostics.isEmpty)
        events.append(contentsOf: batch.events)
      }
    }
    let expected = try lines.map { line -> String? in
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      return object?["auditID"] as? String
    }
    #expect(events.map(\.audit?.auditID) == expected)
    #expect(events.map(\.position.line) == Array(1...lines.count))
  }
}

/// Audit log lines and helpers shared by the follower tests.
enum FollowLog {
  /// A native audit event whose auditID is `id-<n>`, without its newline.
  static func event(_ n: Int) -> String { AuditSamples.event(auditID: "id-\(n)") }

  /// One line.
  static func line(_ n: Int) -> String { event(n) + "\n" }

  /// Lines for every number in `numbers`.
  static func lines(_ numbers: ClosedRange<Int>) -> String { numbers.map(line).joined() }

  /// The auditIDs of every batch until `poll` returns nil.
  static func drain(_ follower: inout AuditLogFollower, maxEvents: Int = 1000) throws -> [String] {
    var ids: [String] = []
    for _ in 0..<100_000 {
      guard let batch = try follower.poll(maxEvents: maxEvents) else { break }
      ids.append(contentsOf: batch.events.compactMap(\.audit?.auditID))
    }
    return ids
  }
}

/// A writer holding its file open in append mode, as the API server's log backend does (so a
/// rename leaves it writing to the old file, and a truncate makes it write at the new end).
final class AppendingWriter {
  private var descriptor: Int32

  /// Opens (creating) `path` for appending.
  init(_ path: String) throws {
    descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
  }

  deinit { finish() }

  /// Appends `text`.
  func append(_ text: String) throws {
    let bytes = Array(text.utf8)
    var done = 0
    while done < bytes.count {
      let n = bytes[done...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      guard n > 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
      done += n
    }
  }

  /// Closes the file (further writes fail).
  func finish() {
    if descriptor >= 0 { close(descriptor) }
    descriptor = -1
  }
}
