#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.read
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.read
#endif

/// A source of raw bytes read in large chunks: a file, standard input, or a decompressor.
protocol ByteStream: AnyObject {
  /// Fills the start of `buffer` with the next bytes; returns how many (0 at the end, or when
  /// `buffer` is empty).
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(AuditInputError) -> Int
  /// Bytes taken from the underlying file so far (compressed bytes for a decompressor).
  var rawBytesRead: Int { get }
}

extension ByteStream {
  /// Reads into the bytes of `buffer` at `range` (which must lie within it).
  func read(into buffer: inout [UInt8], at range: Range<Int>) throws(AuditInputError) -> Int {
    let result = buffer.withUnsafeMutableBytes { raw in
      Result { () throws(AuditInputError) -> Int in
        try read(into: UnsafeMutableRawBufferPointer(rebasing: raw[range]))
      }
    }
    return try result.get()
  }

  /// Appends up to `maxCount` bytes to `buffer`; returns how many (0 at the end).
  func read(into buffer: inout [UInt8], maxCount: Int) throws(AuditInputError) -> Int {
    let old = buffer.count
    buffer.append(contentsOf: repeatElement(0, count: max(0, maxCount)))
    let result = buffer.withUnsafeMutableBytes { raw in
      Result { () throws(AuditInputError) -> Int in
        try read(into: UnsafeMutableRawBufferPointer(rebasing: raw[old...]))
      }
    }
    switch result {
    case .success(let n):
      buffer.removeSubrange((old + n)...)
      return n
    case .failure(let error):
      buffer.removeSubrange(old...)
      throw error
    }
  }
}

/// A file descriptor read with `read(2)` straight into the caller's buffer; closes it when
/// released (except stdin).
final class FileByteStream: ByteStream {
  private let fd: Int32
  private let path: String
  private let chunkSize: Int
  private(set) var rawBytesRead = 0

  /// Opens `path` (`-` is standard input).
  init(path: String, chunkSize: Int) throws(AuditInputError) {
    self.path = path
    self.chunkSize = max(chunkSize, 4096)
    if path == "-" {
      fd = 0
      return
    }
    let opened = open(path, O_RDONLY)
    guard opened >= 0 else {
      throw AuditInputError(code: .unreadable(errno), position: .init(file: path, line: 0))
    }
    fd = opened
  }

  deinit {
    if fd > 0 { close(fd) }
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(AuditInputError) -> Int {
    let want = min(buffer.count, chunkSize)
    guard want > 0, let base = buffer.baseAddress else { return 0 }
    while true {
      let n = systemRead(fd, base, want)
      if n > 0 {
        rawBytesRead += n
        return n
      }
      if n == 0 { return 0 }
      if errno == EINTR { continue }
      throw AuditInputError(code: .unreadable(errno), position: .init(file: path, line: 0))
    }
  }
}
