import NIOCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Cuts a byte stream that arrives in arbitrary chunks into newline-terminated lines (the watch
/// protocol writes one JSON event per line); a line may span any number of chunks.
struct WatchLineSplitter: Sendable {
  /// The longest line accepted; a longer one is an error rather than unbounded memory.
  let maximumLineBytes: Int
  /// Bytes received and not yet returned as lines, from `start`.
  private var pending: [UInt8] = []
  private var start = 0
  /// Where to resume looking for a newline (bytes before it, from `start`, have none).
  private var scanned = 0

  init(maximumLineBytes: Int = 64 << 20) {
    self.maximumLineBytes = maximumLineBytes
  }

  /// Adds a chunk.
  mutating func append(_ buffer: ByteBuffer) {
    buffer.withUnsafeReadableBytes { pending.append(contentsOf: $0) }
  }

  /// Adds bytes.
  mutating func append(_ bytes: [UInt8]) {
    pending.append(contentsOf: bytes)
  }

  /// The next complete line without its newline (and `\r`), skipping blank lines; nil when no
  /// whole line is buffered.
  mutating func nextLine() throws(KubeClientError) -> [UInt8]? {
    while true {
      guard let newline = Self.index(of: UInt8(ascii: "\n"), in: pending, from: scanned) else {
        scanned = pending.count
        guard pending.count - start <= maximumLineBytes else {
          throw KubeClientError(
            .invalidResponse, "watch line longer than \(maximumLineBytes) bytes")
        }
        compact()
        return nil
      }
      var end = newline
      if end > start, pending[end - 1] == UInt8(ascii: "\r") { end -= 1 }
      let lineStart = start
      start = newline + 1
      scanned = start
      let line = pending.withUnsafeBufferPointer {
        Array(UnsafeBufferPointer(rebasing: $0[lineStart..<end]))
      }
      if line.contains(where: { !Self.isWhitespace($0) }) { return line }
    }
  }

  /// The first index of `byte` in `bytes` at or after `from` (memchr).
  private static func index(of byte: UInt8, in bytes: [UInt8], from: Int) -> Int? {
    guard from < bytes.count else { return nil }
    return bytes.withUnsafeBytes { raw -> Int? in
      guard let base = raw.baseAddress,
        let found = memchr(base + from, Int32(byte), raw.count - from)
      else { return nil }
      return base.distance(to: UnsafeRawPointer(found))
    }
  }

  /// The unterminated remainder when the stream ended (nil when only whitespace).
  mutating func finish() -> [UInt8]? {
    let rest = Array(pending[start...])
    pending = []
    start = 0
    scanned = 0
    return rest.contains(where: { !Self.isWhitespace($0) }) ? rest : nil
  }

  /// Bytes held (for tests of boundedness).
  var bufferedBytes: Int { pending.count - start }

  /// Drops consumed bytes once they are at least half the buffer.
  private mutating func compact() {
    guard start > 0, start >= pending.count / 2 else { return }
    pending.removeSubrange(0..<start)
    scanned -= start
    start = 0
  }

  private static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }
}
