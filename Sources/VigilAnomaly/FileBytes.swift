#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file reads with POSIX calls (no Foundation), for the dataset readers.
enum FileBytes {
  /// The bytes of the file at `path`, followed by one NUL (so `strtod` stops at the end).
  static func contents(of path: String) throws(DatasetError) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw DatasetError(.unreadable(errno: errno), path: path) }
    defer { close(fd) }
    var status = stat()
    guard fstat(fd, &status) == 0 else { throw DatasetError(.unreadable(errno: errno), path: path) }
    let size = Int(status.st_size)
    var bytes = [UInt8](repeating: 0, count: size + 1)
    var done = 0
    var failure: Int32 = 0
    bytes.withUnsafeMutableBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      while done < size {
        let n = read(fd, base + done, size - done)
        if n < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        if n == 0 { break }
        done += n
      }
    }
    if failure != 0 { throw DatasetError(.unreadable(errno: failure), path: path) }
    bytes.removeSubrange(done..<size)
    return bytes
  }
}
