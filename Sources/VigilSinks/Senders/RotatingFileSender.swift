import Synchronization
import VigilCore
import VigilPipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Appends each alert as one JSON line (``AlertJSON``) to a file that rotates by size:
/// `path` → `path.1` → … → `path.N`, the oldest dropped. A file removed or replaced behind its
/// back (logrotate, an operator) is reopened on the next alert.
public final class RotatingFileSender: AlertSender {
  /// The file written.
  public let path: String
  /// The size the file does not grow past (a single longer line still gets a file of its own).
  public let maxBytes: Int
  /// How many rotated files are kept (`path.1` … `path.N`); 0 keeps none.
  public let maxFiles: Int

  private struct OpenFile {
    var fd: Int32
    var device: UInt64
    var inode: UInt64
  }

  private let file = Mutex<OpenFile?>(nil)

  /// Creates the sender and opens (creating) the file and its directory.
  public init(path: String, maxBytes: Int, maxFiles: Int) throws(SendError) {
    self.path = path
    self.maxBytes = max(1, maxBytes)
    self.maxFiles = max(0, maxFiles)
    let opened = try Self.open(path)
    file.withLock { $0 = opened }
  }

  deinit {
    file.withLock { open in if let open { close(open.fd) } }
  }

  /// Appends the alert's JSON line, rotating first when the file would pass ``maxBytes``.
  public func send(_ alert: Alert, deliveryID: Int64) async throws(SendError) {
    try append(Array(AlertJSON.line(alert).utf8))
  }

  /// Appends `bytes` (one whole line), rotating first when needed.
  func append(_ bytes: [UInt8]) throws(SendError) {
    try file.withLock { (current: inout OpenFile?) throws(SendError) in
      var open = try reopenIfMoved(current)
      current = open
      var info = stat()
      let size = fstat(open.fd, &info) == 0 ? Int(info.st_size) : 0
      if size > 0 && size + bytes.count > maxBytes {
        close(open.fd)
        current = nil
        rotate()
        open = try Self.open(path)
        current = open
      }
      try FileDescriptorIO.writeAll(bytes, to: open.fd)
    }
  }

  /// The open file, or a fresh one when `path` no longer names it.
  private func reopenIfMoved(_ current: OpenFile?) throws(SendError) -> OpenFile {
    var info = stat()
    if let current {
      if stat(path, &info) == 0 && UInt64(info.st_dev) == current.device
        && UInt64(info.st_ino) == current.inode
      {
        return current
      }
      close(current.fd)
    }
    return try Self.open(path)
  }

  /// Shifts `path.N-1` → `path.N` … `path` → `path.1`, dropping the oldest.
  private func rotate() {
    guard maxFiles > 0 else {
      unlink(path)
      return
    }
    unlink("\(path).\(maxFiles)")
    for index in stride(from: maxFiles - 1, through: 1, by: -1) {
      rename("\(path).\(index)", "\(path).\(index + 1)")
    }
    rename(path, "\(path).1")
  }

  private static func open(_ path: String) throws(SendError) -> OpenFile {
    let fd = try FileDescriptorIO.openForAppend(path)
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let reason = FileDescriptorIO.errorText(errno)
      close(fd)
      throw SendError(.writeFailed, reason: "\(path): \(reason)")
    }
    return OpenFile(fd: fd, device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
  }
}
