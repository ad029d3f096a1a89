#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes read from a followed file but not yet consumed: a partial line, or whole lines
/// that the current poll has not reached. Refilled in large chunks straight from the file.
struct FollowLineBuffer {
  /// Read bytes live in `storage[start..<end]`; the rest is room (zeroed once, then reused).
  private var storage: [UInt8] = []
  private var start = 0
  private var end = 0
  /// How far the last newline search got (so a long partial line is not searched again).
  private var searched = 0

  /// Bytes held.
  var count: Int { end - start }

  /// Whether nothing is held.
  var isEmpty: Bool { end == start }

  /// The length of the first complete line (without its newline), nil when no newline is held.
  mutating func firstLineLength() -> Int? {
    let from = max(start, searched)
    guard from < end else { return nil }
    let found: Int? = storage.withUnsafeBytes { raw in
      guard let base = raw.baseAddress,
        let hit = memchr(base + from, 0x0A, end - from)
      else { return nil }
      return base.distance(to: UnsafeRawPointer(hit))
    }
    guard let found else {
      searched = end
      return nil
    }
    return found - start
  }

  /// Removes and returns the first `length` bytes, and the newline after them when `newline`.
  mutating func take(_ length: Int, newline: Bool) -> [UInt8] {
    let bytes = Array(storage[start..<(start + length)])
    drop(length + (newline ? 1 : 0))
    return bytes
  }

  /// Whether the first `length` bytes are all JSON whitespace (a blank line).
  func isBlank(_ length: Int) -> Bool {
    storage[start..<(start + length)].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
  }

  /// Removes the first `length` bytes.
  mutating func drop(_ length: Int) {
    start += min(length, count)
    if start == end {
      start = 0
      end = 0
    }
    searched = start
  }

  /// Removes everything.
  mutating func removeAll() { drop(count) }

  /// Appends up to `chunkSize` bytes read from `file` at `offset`; returns how many (0 at its
  /// end). Moves what is held to the front first when that makes room.
  mutating func fill(from file: FollowedFile, at offset: Int, chunkSize: Int)
    throws(AuditInputError) -> Int
  {
    if start > 0 && (start >= storage.count / 2 || storage.count - end < chunkSize) {
      let held = count
      let from = start
      storage.withUnsafeMutableBytes { raw in
        guard let base = raw.baseAddress else { return }
        base.copyMemory(from: base + from, byteCount: held)
      }
      searched -= start
      start = 0
      end = held
    }
    if storage.count - end < chunkSize {
      storage.append(contentsOf: repeatElement(0, count: chunkSize - (storage.count - end)))
    }
    let from = end
    let result = storage.withUnsafeMutableBytes { raw in
      Result { () throws(AuditInputError) -> Int in
        try file.read(
          into: UnsafeMutableRawBufferPointer(rebasing: raw[from..<(from + chunkSize)]),
          at: offset)
      }
    }
    let n = try result.get()
    end += n
    return n
  }
}
