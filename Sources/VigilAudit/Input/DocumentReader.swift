import VigilJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Cuts a byte stream into JSON documents with their starting lines, streaming in large chunks.
///
/// The format is detected from the first non-blank line: when it is a complete JSON value (or an
/// S3-export `<time> {…}` line) the file is JSON lines and every line stands alone; otherwise it
/// holds pretty-printed documents, and a depth- and string-aware splitter yields each top-level
/// value from its first line.
final class DocumentReader {
  /// One document's bytes and the 1-based line it starts on.
  struct Piece {
    /// The document's text.
    var bytes: [UInt8]
    /// Its first line.
    var line: Int
  }

  /// How the file is cut.
  enum Mode { case undecided, lines, documents }

  private let stream: any ByteStream
  private let chunkSize: Int
  /// Read bytes in `0..<filled`; the rest is room for the next read (zeroed once, then reused).
  private var buffer: [UInt8] = []
  /// Bytes read into `buffer`.
  private var filled = 0
  /// Offset of the first byte not yet handed out.
  private var start = 0
  /// The line number of `buffer[start]`.
  private var line = 1
  private var ended = false
  private(set) var mode = Mode.undecided
  /// Lines fully consumed so far.
  private(set) var linesRead = 0
  /// Uncompressed bytes consumed so far.
  private(set) var bytesRead = 0

  init(stream: any ByteStream, chunkSize: Int) {
    self.stream = stream
    self.chunkSize = chunkSize
  }

  /// Compressed (file) bytes read so far.
  var rawBytesRead: Int { stream.rawBytesRead }

  /// The next document, or nil at the end of the stream.
  func next() throws(AuditInputError) -> Piece? {
    if mode == .undecided { try detectMode() }
    switch mode {
    case .lines, .undecided: return try nextLine()
    case .documents: return try nextDocument()
    }
  }

  /// Reads one more chunk straight into the buffer, first dropping what has been handed out
  /// (moving the rest to the front) and growing it when a document is longer; false at the end.
  private func fill() throws(AuditInputError) -> Bool {
    if ended { return false }
    if start > 0 && (start >= filled / 2 || filled - start < chunkSize) {
      let left = filled - start
      let start = self.start
      buffer.withUnsafeMutableBytes { raw in
        guard let base = raw.baseAddress else { return }
        base.copyMemory(from: base + start, byteCount: left)
      }
      filled = left
      self.start = 0
    }
    if buffer.count - filled < chunkSize {
      buffer.append(contentsOf: repeatElement(0, count: chunkSize - (buffer.count - filled)))
    }
    do {
      let n = try stream.read(into: &buffer, at: filled..<(filled + chunkSize))
      if n == 0 {
        ended = true
        return false
      }
      filled += n
    } catch {
      var error = error
      error.position.line = line
      throw error
    }
    return true
  }

  /// Offset of the next newline at or after `from`, reading more as needed; nil at the end.
  private func newline(from: Int) throws(AuditInputError) -> Int? {
    var from = from
    while true {
      let filled = self.filled
      let found: Int? = buffer.withUnsafeBufferPointer { b in
        guard from < filled, filled <= b.count, let base = b.baseAddress,
          let hit = memchr(base + from, 0x0A, filled - from)
        else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      }
      if let found { return found }
      let consumed = start
      from = filled
      guard try fill() else { return nil }
      from -= consumed - start  // the buffer may have been compacted
    }
  }

  /// Decides between JSON lines and multi-line documents from the first non-blank line.
  private func detectMode() throws(AuditInputError) {
    if filled - start < 3 { _ = try fill() }
    if filled - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB,
      buffer[start + 2] == 0xBF
    {
      start += 3
      bytesRead += 3
    }
    var from = start
    while true {
      let end = try newline(from: from)
      let stop = end ?? filled
      let text = trimmed(buffer[from..<stop])
      if text.isEmpty {
        guard let end else {
          mode = .lines
          return
        }
        from = end + 1
        continue
      }
      let bytes = Array(text)
      let complete =
        (try? JSONDocument(parsing: bytes)) != nil || TimestampPrefix.split(bytes) != nil
      mode = complete ? .lines : .documents
      return
    }
  }

  /// The next non-blank line (JSON lines mode).
  private func nextLine() throws(AuditInputError) -> Piece? {
    while true {
      if start >= filled, !(try fill()) { return nil }
      let end = try newline(from: start)
      let stop = end ?? filled
      let number = line
      let text = trimmed(buffer[start..<stop])
      let piece = text.isEmpty ? nil : Piece(bytes: Array(text), line: number)
      let next = end.map { $0 + 1 } ?? filled
      bytesRead += next - start
      start = next
      line += 1
      linesRead += 1
      if let piece { return piece }
    }
  }

  /// The next top-level value (documents mode): `{`/`[` to its matching bracket, or anything
  /// else up to the end of its line (reported by the decoder as not JSON).
  private func nextDocument() throws(AuditInputError) -> Piece? {
    // Skip whitespace between documents, counting lines.
    while true {
      while start < filled {
        let c = buffer[start]
        if c == 0x0A {
          line += 1
          linesRead += 1
        } else if c != 0x20 && c != 0x09 && c != 0x0D {
          break
        }
        start += 1
        bytesRead += 1
      }
      if start < filled { break }
      guard try fill() else { return nil }
    }
    let first = buffer[start]
    let startLine = line
    var i = start
    var newlines = 0
    if first != 0x7B && first != 0x5B {
      let end = try newline(from: start) ?? filled
      let piece = Piece(bytes: Array(trimmed(buffer[start..<end])), line: startLine)
      let next = min(end + 1, filled)
      if end < filled { newlines = 1 }
      finish(at: next, newlines: newlines)
      return piece
    }
    var depth = 0
    var inString = false
    var escaped = false
    while true {
      if i >= filled {
        let consumed = start
        guard try fill() else {
          let piece = Piece(bytes: Array(buffer[start..<filled]), line: startLine)
          finish(at: filled, newlines: newlines)
          return piece
        }
        i -= consumed - start
      }
      let filled = self.filled
      let done: Bool = buffer.withUnsafeBufferPointer { b in
        while i < filled {
          let c = b[i]
          i += 1
          if c == 0x0A { newlines += 1 }
          if inString {
            if escaped {
              escaped = false
            } else if c == 0x5C {
              escaped = true
            } else if c == 0x22 {
              inString = false
            }
            continue
          }
          switch c {
          case 0x22: inString = true
          case 0x7B, 0x5B: depth += 1
          case 0x7D, 0x5D:
            depth -= 1
            if depth == 0 { return true }
          default: break
          }
        }
        return false
      }
      if done {
        let piece = Piece(bytes: Array(buffer[start..<i]), line: startLine)
        finish(at: i, newlines: newlines)
        return piece
      }
    }
  }

  private func finish(at next: Int, newlines: Int) {
    bytesRead += next - start
    start = next
    line += newlines
    linesRead += newlines
  }

  /// `slice` without leading and trailing blanks (spaces, tabs, CR).
  private func trimmed(_ slice: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var lo = slice.startIndex
    var hi = slice.endIndex
    while lo < hi, slice[lo] == 0x20 || slice[lo] == 0x09 || slice[lo] == 0x0D { lo += 1 }
    while hi > lo, slice[hi - 1] == 0x20 || slice[hi - 1] == 0x09 || slice[hi - 1] == 0x0D {
      hi -= 1
    }
    return slice[lo..<hi]
  }
}
