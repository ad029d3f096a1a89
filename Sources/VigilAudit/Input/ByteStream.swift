#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.read
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.read
#endif

/// A source of raw bytes read in large chunks: a file, standard input, or a decompressor.
protocol ByteStream: AnyObject {
  /// Appends up to `maxCount` bytes to `buffer`; returns how many (0 at the end).
  func read(into buffer: inout [UInt8], maxCount: Int) throws(AuditInputError) -> Int
  /// Bytes taken from the underlying file so far (compressed bytes for a decompressor).
  var rawBytesRead: Int { get }
}

/// A file descriptor read with `read(2)`; closes it when released (except stdin).
final class FileByteStream: ByteStream {
  private let fd: Int32
  private let path: String
  private var scratch: [UInt8]
  private(set) var rawBytesRead = 0

  /// Opens `path` (`-` is standard input).
  init(path: String, chunkSize: Int) throws(AuditInputError) {
    self.path = path
    self.scratch = [UInt8](repeating: 0, count: max(chunkSize, 4096))
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

  func read(into buffer: inout [UInt8], maxCount: Int) throws(AuditInputError) -> Int {
    let want = min(maxCount, scratch.count)
    while true {
      let n = scratch.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, want) }
      if n > 0 {
        buffer.append(contentsOf: scratch[0..<n])
        rawBytesRead += n
        return n
      }
      if n == 0 { return 0 }
      if errno == EINTR { continue }
      throw AuditInputError(code: .unreadable(errno), position: .init(file: path, line: 0))
    }
  }
}
