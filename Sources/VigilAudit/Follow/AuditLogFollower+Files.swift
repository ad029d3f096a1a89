import VigilCore

extension AuditLogFollower {
  /// Opens the first file: the checkpoint's (at the path, or rotated beside it) at its offset,
  /// else the file at the path (at its end on the very first look when `startAt` is `.end`).
  /// False when there is nothing to open yet.
  mutating func openFirst() throws(AuditInputError) -> Bool {
    let firstLook = !looked
    looked = true
    let atPath = try FollowedFile.openIfPresent(path)
    if let checkpoint = pendingCheckpoint {
      if let atPath, atPath.identity == checkpoint.file {
        if try resume(atPath, at: checkpoint) { return true }
      } else if configuration.resumeRotatedFiles,
        let rotated = RotatedFiles.find(checkpoint.file, besides: path),
        try resume(rotated, at: checkpoint)
      {
        status = .readingRotatedFile
        return true
      }
      guard let atPath else { return false }
      // The checkpoint's file is gone or was replaced: all of the file now there is new.
      statistics.checkpointsRejected += 1
      start(atPath, at: 0, line: 1)
      return true
    }
    guard let atPath else { return false }
    if firstLook && configuration.startAt == .end {
      let size = try atPath.size()
      let end = try atPath.endOfLastLine(before: size, chunkSize: configuration.chunkSize)
      start(atPath, at: end.offset, line: end.lines + 1)
      head = try atPath.prefix(min(FollowCheckpoint.maxFingerprintLength, end.offset))
    } else {
      start(atPath, at: 0, line: 1)
    }
    return true
  }

  /// Starts reading `file` at `checkpoint` when it is the checkpoint's file: it holds at least
  /// `offset` bytes and its first bytes hash to the fingerprint.
  private mutating func resume(_ candidate: FollowedFile, at checkpoint: FollowCheckpoint)
    throws(AuditInputError) -> Bool
  {
    let length = checkpoint.fingerprintLength
    guard checkpoint.offset >= 0, checkpoint.line >= 1, length >= 0,
      length == min(FollowCheckpoint.maxFingerprintLength, checkpoint.offset),
      try candidate.size() >= checkpoint.offset
    else { return false }
    let prefix = try candidate.prefix(length)
    guard prefix.count == length, FollowCheckpoint.fingerprint(of: prefix) == checkpoint.fingerprint
    else { return false }
    start(candidate, at: checkpoint.offset, line: checkpoint.line)
    skipping = checkpoint.insideSkippedLine
    head = prefix
    return true
  }

  /// Makes `file` the one read, from `offset` (a line start) as line `line`.
  mutating func start(_ file: FollowedFile, at offset: Int, line: Int) {
    self.file = file
    self.offset = offset
    self.line = line
    skipping = false
    head = []
    buffer.removeAll()
    pendingCheckpoint = nil
    statistics.filesOpened += 1
    status = .following
  }

  /// Starts again at 0 when `current` became shorter than what was read, or its first bytes
  /// changed (copytruncate, or a file rewritten in place).
  mutating func checkTruncation(of current: FollowedFile) throws(AuditInputError) {
    let size = try current.size()
    let readEnd = offset + buffer.count
    if size == readEnd { return }
    if size > readEnd {
      if head.isEmpty { return }
      let prefix = try current.prefix(head.count)
      if prefix == head { return }
    }
    statistics.truncations += 1
    offset = 0
    line = 1
    skipping = false
    head = []
    buffer.removeAll()
  }

  /// The new file at the path when `current` was rotated away and the new one has its first
  /// bytes; nil while `current` is still the one to read. Sets `status`.
  mutating func successor(of current: FollowedFile) throws(AuditInputError) -> FollowedFile? {
    guard let now = try FileIdentity.of(path: path) else {
      status = .waitingForFile
      return nil
    }
    if now.identity == current.identity {
      status = .following
      return nil
    }
    status = .readingRotatedFile
    guard now.size > 0, let next = try FollowedFile.openIfPresent(path),
      next.identity != current.identity
    else { return nil }
    return next
  }
}
