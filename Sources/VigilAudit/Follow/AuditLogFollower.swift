import VigilCore
import VigilJSON

/// Tails the kube-apiserver's audit log file (`--audit-log-path`, JSON lines, one `Event` a
/// line) across rotations, resuming from a saved `FollowCheckpoint` after a restart.
///
/// It never sleeps and never blocks on a writer: the caller calls `poll(maxEvents:)` in a loop
/// with a short interval. Each poll reads what was appended since the last one, decodes only
/// complete lines (a partial last line waits for its newline, up to `maxLineBytes`), and
/// returns the events, the problems (with file and line) and the checkpoint after the last line
/// consumed. Deduplication (auditID and stage) is left to the caller.
///
/// Rotation:
/// - By rename (logrotate's default, and kube-apiserver's own `--audit-log-maxsize` rotation to
///   `audit-<time>.log`): once the file at the path is another one and has its first bytes, the
///   old file is read to its end (its last line even without a newline) and the new one is read
///   from its start. Until then the old file is still followed, so a writer that reopens late
///   (logrotate `create` with a postrotate signal) loses nothing.
/// - By copytruncate: when the file becomes shorter than what was read, or its first bytes
///   change, reading starts again at 0. Lines written between the copy and the truncate are
///   lost: that is copytruncate's own, documented loss.
/// - The path missing (at start, or between a rename and the new file): `poll` returns nil and
///   `status` is `.waitingForFile`; the file is picked up once it exists.
///
/// Resuming: a checkpoint whose file is still at the path, holds at least `offset` bytes and
/// has the same first bytes resumes at its offset. One whose file was rotated away is looked up
/// beside the path (`audit.log.1`, `audit-*.log`, same device and inode and first bytes) and
/// that file is finished first. Otherwise reading starts at 0 of the file at the path, counted
/// in `statistics.checkpointsRejected`.
///
/// Limits: a file rotated twice between two polls loses the middle file (poll more often than
/// the log rotates); a renamed file stays open until the new file has bytes; `startAt: .end`
/// reads the existing file once to number its lines.
public struct AuditLogFollower: Sendable {
  /// How a follower reads.
  public struct Configuration: Sendable {
    /// How events are decoded (size limit, redaction).
    public var decoder = AuditDecoder.Configuration()
    /// Where to start in a file found at the first poll when there is no checkpoint.
    public var startAt = StartPosition.beginning
    /// Bytes per `pread(2)`.
    public var chunkSize = 1 << 20
    /// A line longer than this is reported (`.truncated`) and skipped up to its newline.
    public var maxLineBytes = 16 << 20
    /// When resuming, look for the checkpoint's file among rotated files beside the path.
    public var resumeRotatedFiles = true

    /// The defaults: from the beginning, 1 MiB reads, 16 MiB lines.
    public init() {}
  }

  /// Where reading starts in a file that already exists at the first poll (no checkpoint).
  public enum StartPosition: Sendable, Hashable {
    /// From its first line.
    case beginning
    /// After its last complete line: only lines written from now on.
    case end
  }

  /// What the follower is doing.
  public enum Status: Sendable, Hashable {
    /// No file at the path (not yet created, or between a rename and the new file).
    case waitingForFile
    /// Reading the file at the path.
    case following
    /// Reading a file renamed away from the path until the new file there has bytes.
    case readingRotatedFile
  }

  /// The followed path.
  public let path: String
  /// The configuration.
  public let configuration: Configuration
  /// Counters so far.
  public internal(set) var statistics = FollowStatistics()
  /// What the follower is doing.
  public internal(set) var status = Status.waitingForFile

  let decoder: AuditDecoder
  var indexer = JSONIndexer()
  /// The file being read.
  var file: FollowedFile?
  /// Bytes read from `file` at `offset` and after, not yet consumed.
  var buffer = FollowLineBuffer()
  /// The offset of the first byte not consumed (a line start, unless `skipping`).
  var offset = 0
  /// The number of the line at `offset`.
  var line = 1
  /// True inside a line too long to read, until its newline.
  var skipping = false
  /// The first `min(256, offset + buffer.count)` bytes of `file`.
  var head: [UInt8] = []
  /// The checkpoint given to `init`, until a file is opened.
  var pendingCheckpoint: FollowCheckpoint?
  /// Whether a poll has already looked for the file (`startAt` applies to the first look only).
  var looked = false

  /// A follower of `path`, resuming at `checkpoint` when one is given. Opens nothing yet.
  public init(
    path: String, checkpoint: FollowCheckpoint? = nil, configuration: Configuration = .init()
  ) {
    self.path = path
    self.pendingCheckpoint = checkpoint
    self.configuration = configuration
    self.decoder = AuditDecoder(configuration: configuration.decoder)
  }

  /// Where to resume: after the last line consumed (the checkpoint given to `init` until a
  /// file is opened; nil before anything was opened without one).
  public var checkpoint: FollowCheckpoint? {
    guard let file else { return pendingCheckpoint }
    let length = min(FollowCheckpoint.maxFingerprintLength, offset)
    return FollowCheckpoint(
      file: file.identity, offset: offset, line: line,
      fingerprint: FollowCheckpoint.fingerprint(of: head.prefix(length)),
      fingerprintLength: length, insideSkippedLine: skipping)
  }

  /// Reads what was appended since the last call: up to `maxEvents` events or lines (a line
  /// holding an EventList may go past it), from complete lines only. Nil when nothing new was
  /// consumed. Throws only when a file exists but cannot be read, and then only when nothing
  /// was consumed before the failure; bad lines are diagnostics in the batch.
  public mutating func poll(maxEvents: Int) throws(AuditInputError) -> FollowBatch? {
    var batch = FollowBatch(events: [], diagnostics: [], checkpoint: .empty, lines: 0)
    let limit = max(1, maxEvents)
    if file == nil {
      guard try openFirst() else {
        status = .waitingForFile
        return nil
      }
    }
    do {
      while let current = file {
        try checkTruncation(of: current)
        if try consume(current, limit: limit, final: false, into: &batch) { break }
        guard let next = try successor(of: current) else { break }
        if try consume(current, limit: limit, final: true, into: &batch) { break }
        start(next, at: 0, line: 1)
        statistics.rotations += 1
      }
    } catch {
      // Lines already consumed must reach the caller with their checkpoint; a lasting error
      // comes back on the next poll.
      if batch.lines == 0 && batch.diagnostics.isEmpty { throw error }
    }
    guard batch.lines > 0 || !batch.diagnostics.isEmpty, let checkpoint else { return nil }
    batch.checkpoint = checkpoint
    return batch
  }
}

extension FollowCheckpoint {
  /// A placeholder, replaced before a batch is returned.
  static let empty = FollowCheckpoint(
    file: FileIdentity(device: 0, inode: 0), offset: 0, line: 1, fingerprint: 0,
    fingerprintLength: 0)
}
