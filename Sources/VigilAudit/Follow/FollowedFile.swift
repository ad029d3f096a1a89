import VigilCore

#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.pread
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.pread
#endif

/// The identity of a file on disk: its device and inode numbers.
public struct FileIdentity: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The device holding the file (`st_dev`).
  public var device: UInt64
  /// The inode number (`st_ino`).
  public var inode: UInt64

  /// Creates an identity.
  public init(device: UInt64, inode: UInt64) {
    self.device = device
    self.inode = inode
  }

  /// `device:inode`.
  public var description: String { "\(device):\(inode)" }

  /// The identity in a `stat` result.
  init(_ info: stat) {
    self.init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
  }

  /// The identity and size of the file now at `path`, nil when there is none; throws for
  /// other errors.
  static func of(path: String) throws(AuditInputError) -> (identity: FileIdentity, size: Int)? {
    var info = stat()
    guard stat(path, &info) == 0 else {
      if errno == ENOENT || errno == ENOTDIR { return nil }
      throw AuditInputError(code: .unreadable(errno), position: .init(file: path, line: 0))
    }
    return (FileIdentity(info), Int(info.st_size))
  }
}

/// One open file read with `pread(2)` at explicit offsets (so copies share no file position);
/// closes its descriptor when released.
final class FollowedFile: Sendable {
  /// The descriptor.
  let descriptor: Int32
  /// The path it was opened by (a rotated file keeps the name it had then).
  let path: String
  /// Its device and inode, taken with `fstat` right after opening.
  let identity: FileIdentity

  /// Opens `path` for reading; nil when it does not exist, throws for other errors.
  static func openIfPresent(_ path: String) throws(AuditInputError) -> FollowedFile? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      if errno == ENOENT || errno == ENOTDIR { return nil }
      throw AuditInputError(code: .unreadable(errno), position: .init(file: path, line: 0))
    }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let failure = errno
      close(fd)
      throw AuditInputError(code: .unreadable(failure), position: .init(file: path, line: 0))
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      close(fd)
      throw AuditInputError(code: .unreadable(EISDIR), position: .init(file: path, line: 0))
    }
    return FollowedFile(descriptor: fd, path: path, identity: FileIdentity(info))
  }

  private init(descriptor: Int32, path: String, identity: FileIdentity) {
    self.descriptor = descriptor
    self.path = path
    self.identity = identity
  }

  deinit { close(descriptor) }

  /// The file's current size in bytes.
  func size() throws(AuditInputError) -> Int {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      throw AuditInputError(code: .unreadable(errno), position: .init(file: path, line: 0))
    }
    return Int(info.st_size)
  }

  /// Reads up to `buffer.count` bytes at `offset`; returns how many (0 at the end).
  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(AuditInputError)
    -> Int
  {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    while true {
      let n = systemRead(descriptor, base, buffer.count, off_t(offset))
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw AuditInputError(code: .unreadable(errno), position: .init(file: path, line: 0))
    }
  }

  /// The first `count` bytes of the file (fewer when it is shorter).
  func prefix(_ count: Int) throws(AuditInputError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
      let start = filled
      let result = bytes.withUnsafeMutableBytes { raw in
        Result { () throws(AuditInputError) -> Int in
          try read(into: UnsafeMutableRawBufferPointer(rebasing: raw[start...]), at: start)
        }
      }
      let n = try result.get()
      if n == 0 { break }
      filled += n
    }
    bytes.removeSubrange(filled...)
    return bytes
  }
}

extension FollowedFile {
  /// Where the last complete line before `size` ends, and how many lines come before it: the
  /// place to start when only lines written from now on are wanted.
  func endOfLastLine(before size: Int, chunkSize: Int) throws(AuditInputError) -> (
    offset: Int, lines: Int
  ) {
    var chunk = [UInt8](repeating: 0, count: max(chunkSize, 1 << 16))
    var position = 0
    var lines = 0
    var lastEnd = 0
    while position < size {
      let want = min(chunk.count, size - position)
      let at = position
      let result = chunk.withUnsafeMutableBytes { raw in
        Result { () throws(AuditInputError) -> Int in
          try read(into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<want]), at: at)
        }
      }
      let n = try result.get()
      if n == 0 { break }
      chunk.withUnsafeBytes { raw in
        guard let base = raw.baseAddress else { return }
        var from = 0
        while from < n, let hit = memchr(base + from, 0x0A, n - from) {
          let index = base.distance(to: UnsafeRawPointer(hit))
          lines += 1
          lastEnd = at + index + 1
          from = index + 1
        }
      }
      position += n
    }
    return (lastEnd, lines)
  }
}
