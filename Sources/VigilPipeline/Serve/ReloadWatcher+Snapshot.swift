#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What polling compares of a file: following symlinks, its device and inode (changed by an
/// atomic rename), size, and modification and status-change times to the nanosecond.
struct FileSnapshot: Sendable, Hashable {
  var device: UInt64
  var inode: UInt64
  var size: Int64
  var modified: [Int]
  var changed: [Int]

  /// The snapshot of `path`, or nil when it cannot be read (missing, no permission).
  static func take(_ path: String) -> FileSnapshot? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    #if canImport(Darwin)
      let modified = [Int(info.st_mtimespec.tv_sec), Int(info.st_mtimespec.tv_nsec)]
      let changed = [Int(info.st_ctimespec.tv_sec), Int(info.st_ctimespec.tv_nsec)]
    #else
      let modified = [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
      let changed = [Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec)]
    #endif
    return FileSnapshot(
      device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
      modified: modified, changed: changed)
  }

  /// Snapshots of every path, in order (nil for a file that cannot be read).
  static func take(_ paths: [String]) -> [FileSnapshot?] { paths.map { take($0) } }
}
