import Foundation
import Testing
import VigilAudit
import VigilCore
import VigilTesting

/// Following the audit log across rename and copytruncate rotations, and resuming from a
/// checkpoint after a restart: no line lost, none repeated.
@Suite struct AuditLogFollowerRotationTests {
  @Test func renameRotationLosesAndRepeatsNothing() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.url.appendingPathComponent("audit.log").path
    let old = try AppendingWriter(path)
    try old.append(FollowLog.lines(1...3))
    var follower = AuditLogFollower(path: path)
    #expect(try FollowLog.drain(&follower) == ["id-1", "id-2", "id-3"])

    // logrotate renames; the API server goes on writing to the old file for a while.
    try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
    try old.append(FollowLog.lines(4...5))
    #expect(try FollowLog.drain(&follower) == ["id-4", "id-5"])
    #expect(follower.status == .waitingForFile)
    #expect(try follower.poll(maxEvents: 10) == nil)

    // logrotate creates the new file; the writer still has the old one open.
    try dir.write("audit.log", "")
    #expect(try follower.poll(maxEvents: 10) == nil)
    #expect(follower.status == .readingRotatedFile)
    try old.append(FollowLog.lines(6...6) + FollowLog.event(7))  // the last without a newline
    old.finish()
    let new = try AppendingWriter(path)
    try new.append(FollowLog.lines(8...9))

    let batch = try #require(try follower.poll(maxEvents: 100))
    #expect(batch.events.map(\.audit?.auditID) == ["id-6", "id-7", "id-8", "id-9"])
    #expect(batch.events.map(\.position.line) == [6, 7, 1, 2])
    #expect(batch.checkpoint.line == 3)
    #expect(follower.status == .following)
    try new.append(FollowLog.line(10))
    #expect(try FollowLog.drain(&follower) == ["id-10"])
    #expect(follower.statistics.rotations == 1)
    #expect(follower.statistics.filesOpened == 2)
    #expect(follower.statistics.eventsDecoded == 10)
    #expect(follower.statistics.diagnostics.isEmpty)
  }

  @Test func kubeAPIServerRotationToTimestampedFile() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.url.appendingPathComponent("audit.log").path
    let rotated = dir.url.appendingPathComponent("audit-2024-05-01T10-00-00.000.log").path
    try dir.write("audit.log", FollowLog.lines(1...3))
    var follower = AuditLogFollower(path: path)
    let first = try #require(try follower.poll(maxEvents: 2))
    #expect(first.events.map(\.audit?.auditID) == ["id-1", "id-2"])

    // --audit-log-maxsize reached: rename to audit-<time>.log, open a new audit.log.
    try FileManager.default.moveItem(atPath: path, toPath: rotated)
    try dir.write("audit.log", FollowLog.lines(4...6))
    let second = try #require(try follower.poll(maxEvents: 2))
    #expect(second.events.map(\.audit?.auditID) == ["id-3", "id-4"])
    #expect(second.events.map(\.position.line) == [3, 1])
    #expect(second.checkpoint.line == 2)
    #expect(try FollowLog.drain(&follower, maxEvents: 2) == ["id-5", "id-6"])
    #expect(follower.statistics.rotations == 1)
  }

  @Test func copytruncateStartsAgainAtZero() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.url.appendingPathComponent("audit.log").path
    let writer = try AppendingWriter(path)
    try writer.append(FollowLog.lines(1...4))
    var follower = AuditLogFollower(path: path)
    #expect(try FollowLog.drain(&follower).count == 4)

    // copytruncate: copy, then truncate in place; the writer appends at the new end.
    try FileManager.default.copyItem(atPath: path, toPath: path + ".1")
    #expect(truncate(path, 0) == 0)
    try writer.append(FollowLog.lines(5...6))
    let batch = try #require(try follower.poll(maxEvents: 100))
    #expect(batch.events.map(\.audit?.auditID) == ["id-5", "id-6"])
    #expect(batch.events.map(\.position.line) == [1, 2])
    #expect(batch.checkpoint.line == 3)
    #expect(follower.statistics.truncations == 1)
    #expect(follower.statistics.rotations == 0)
  }

  @Test func copytruncateRefilledPastTheOffsetIsDetectedByTheFirstBytes() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.url.appendingPathComponent("audit.log").path
    let writer = try AppendingWriter(path)
    try writer.append(FollowLog.lines(1...2))
    var follower = AuditLogFollower(path: path)
    #expect(try FollowLog.drain(&follower) == ["id-1", "id-2"])

    #expect(truncate(path, 0) == 0)
    try writer.append(FollowLog.lines(3...7))  // longer than what was read before
    #expect(try FollowLog.drain(&follower) == (3...7).map { "id-\($0)" })
    #expect(follower.statistics.truncations == 1)
  }

  @Test func resumesAfterRestartWithExactlyTheUnprocessedLines() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.url.appendingPathComponent("audit.log").path
    let writer = try AppendingWriter(path)
    try writer.append(FollowLog.lines(1...10))
    var before = AuditLogFollower(path: path)
    let kept = try #require(try before.poll(maxEvents: 4))
    #expect(kept.events.count == 4)
    // A second batch is read but its results never committed: the process dies.
    #expect(try before.poll(maxEvents: 4)?.events.count == 4)
    try writer.append(FollowLog.lines(11...12))

    let stored = try JSONDecoder().decode(
      FollowCheckpoint.self, from: try JSONEncoder().encode(kept.checkpoint))
    #expect(stored == kept.checkpoint)
    var after = AuditLogFollower(path: path, checkpoint: stored)
    let first = try #require(try after.poll(maxEvents: 3))
    #expect(first.events.map(\.position.line) == [5, 6, 7])
    #expect(
      try first.events.compactMap(\.audit?.auditID) + FollowLog.drain(&after)
        == (5...12).map { "id-\($0)" })
    #expect(after.statistics.checkpointsRejected == 0)
  }

  @Test func checkpointIntoAFileRewrittenInPlaceIsDetected() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("audit.log", FollowLog.lines(1...3))
    var before = AuditLogFollower(path: path)
    #expect(try FollowLog.drain(&before).count == 3)
    let checkpoint = try #require(before.checkpoint)

    // Same path and inode, other content (longer than the checkpoint's offset).
    let rewrite = try AppendingWriter(path)
    #expect(truncate(path, 0) == 0)
    try rewrite.append(FollowLog.lines(101...106))
    var after = AuditLogFollower(path: path, checkpoint: checkpoint)
    #expect(try FollowLog.drain(&after) == (101...106).map { "id-\($0)" })
    #expect(after.statistics.checkpointsRejected == 1)
  }

  @Test func checkpointIntoAReplacedFileStartsAtZeroOfTheNewOne() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("audit.log", FollowLog.lines(1...3))
    var before = AuditLogFollower(path: path)
    #expect(try FollowLog.drain(&before).count == 3)
    let checkpoint = try #require(before.checkpoint)

    // Deleted and created anew: the inode number may or may not be reused.
    try FileManager.default.removeItem(atPath: path)
    try dir.write("audit.log", FollowLog.lines(201...202))
    var after = AuditLogFollower(path: path, checkpoint: checkpoint)
    #expect(try FollowLog.drain(&after) == ["id-201", "id-202"])
    #expect(after.statistics.checkpointsRejected == 1)
  }

  @Test(arguments: ["audit.log.1", "audit-2024-05-01T10-00-00.000.log"])
  func resumeFinishesTheRotatedFileFirst(rotatedName: String) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("audit.log", FollowLog.lines(1...6))
    try dir.write("audit.log.2", FollowLog.lines(900...901))  // an older rotation: not read
    var before = AuditLogFollower(path: path)
    let kept = try #require(try before.poll(maxEvents: 3))

    try FileManager.default.moveItem(
      atPath: path, toPath: dir.url.appendingPathComponent(rotatedName).path)
    try dir.write("audit.log", FollowLog.lines(7...8))
    var after = AuditLogFollower(path: path, checkpoint: kept.checkpoint)
    let first = try #require(try after.poll(maxEvents: 2))
    #expect(first.events.map(\.audit?.auditID) == ["id-4", "id-5"])
    #expect(
      first.events.map(\.position.file)
        == [rotatedName, rotatedName].map {
          dir.url.appendingPathComponent($0).path
        })
    #expect(after.status == .readingRotatedFile)
    #expect(try FollowLog.drain(&after) == ["id-6", "id-7", "id-8"])
    #expect(after.status == .following)
    #expect(after.statistics.checkpointsRejected == 0)
    #expect(after.statistics.rotations == 1)
  }

  @Test func resumeWhenTheRotatedFileIsGoneReadsTheNewFile() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("audit.log", FollowLog.lines(1...6))
    var before = AuditLogFollower(path: path)
    let kept = try #require(try before.poll(maxEvents: 3))

    // Rotated and compressed (a new inode), the original removed.
    try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
    try FileManager.default.removeItem(atPath: path + ".1")
    var after = AuditLogFollower(path: path, checkpoint: kept.checkpoint)
    #expect(try after.poll(maxEvents: 10) == nil)
    #expect(after.status == .waitingForFile)
    #expect(after.checkpoint == kept.checkpoint)
    try dir.write("audit.log", FollowLog.lines(7...8))
    #expect(try FollowLog.drain(&after) == ["id-7", "id-8"])
    #expect(after.statistics.checkpointsRejected == 1)
  }
}
