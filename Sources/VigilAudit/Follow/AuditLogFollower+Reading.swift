import VigilCore

extension AuditLogFollower {
  /// Consumes the complete lines of `current` into `batch` until the limit or the file's end;
  /// `final` also consumes a last line without a newline (the file was rotated away). Returns
  /// true when the limit was reached first.
  mutating func consume(
    _ current: FollowedFile, limit: Int, final: Bool, into batch: inout FollowBatch
  ) throws(AuditInputError) -> Bool {
    while true {
      if batch.lines >= limit || batch.events.count >= limit { return true }
      if skipping {
        if let length = buffer.firstLineLength() {
          buffer.drop(length + 1)
          advance(by: length + 1, into: &batch)
          skipping = false
          continue
        }
        offset += buffer.count
        buffer.removeAll()
      } else if let length = buffer.firstLineLength() {
        if length > configuration.maxLineBytes {
          reportLongLine(in: current, into: &batch)
          buffer.drop(length + 1)
          advance(by: length + 1, into: &batch)
        } else {
          consumeLine(length, newline: true, in: current, into: &batch)
        }
        continue
      } else if buffer.count > configuration.maxLineBytes {
        reportLongLine(in: current, into: &batch)
        offset += buffer.count
        buffer.removeAll()
        skipping = true
      }
      let readEnd = offset + buffer.count
      let n = try buffer.fill(from: current, at: readEnd, chunkSize: configuration.chunkSize)
      if n == 0 { break }
      statistics.bytesRead += n
      if head.count < FollowCheckpoint.maxFingerprintLength {
        head = try current.prefix(min(FollowCheckpoint.maxFingerprintLength, readEnd + n))
      }
    }
    if final {
      if skipping {
        advance(by: buffer.count, into: &batch)
        skipping = false
      } else if !buffer.isEmpty {
        consumeLine(buffer.count, newline: false, in: current, into: &batch)
      }
      buffer.removeAll()
    }
    return false
  }

  /// Reports line `line` as longer than `maxLineBytes` (it is skipped).
  private mutating func reportLongLine(in current: FollowedFile, into batch: inout FollowBatch) {
    batch.diagnostics.append(
      InputDiagnostic(
        code: .truncated, position: SourcePosition(file: current.path, line: line),
        message: "line longer than \(configuration.maxLineBytes) bytes: skipped"))
    statistics.diagnostics[.truncated, default: 0] += 1
  }

  /// Decodes the first `length` buffered bytes as line `line` (blank lines are only counted).
  private mutating func consumeLine(
    _ length: Int, newline: Bool, in current: FollowedFile, into batch: inout FollowBatch
  ) {
    let consumed = length + (newline ? 1 : 0)
    if buffer.isBlank(length) {
      buffer.drop(consumed)
    } else {
      let bytes = buffer.take(length, newline: newline)
      let events = batch.events.count
      let diagnostics = batch.diagnostics.count
      decoder.decode(
        bytes: bytes, at: SourcePosition(file: current.path, line: line), indexer: &indexer,
        into: &batch.events, diagnostics: &batch.diagnostics)
      statistics.eventsDecoded += batch.events.count - events
      for diagnostic in batch.diagnostics[diagnostics...] {
        statistics.diagnostics[diagnostic.code, default: 0] += 1
      }
    }
    advance(by: consumed, into: &batch)
  }

  /// Moves past one line of `bytes` bytes (its newline included).
  private mutating func advance(by bytes: Int, into batch: inout FollowBatch) {
    offset += bytes
    line += 1
    batch.lines += 1
    statistics.linesRead += 1
  }
}
