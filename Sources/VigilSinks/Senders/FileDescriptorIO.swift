#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Small POSIX helpers for the file sinks: whole writes, appending opens, `mkdir -p`.
enum FileDescriptorIO {
  /// Writes all of `bytes` to `fd`, retrying short writes and `EINTR`.
  static func writeAll(_ bytes: [UInt8], to fd: Int32) throws(SendError) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return write(fd, base + offset, raw.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw SendError(.writeFailed, reason: "fd \(fd): \(errorText(errno))")
      }
      if written == 0 { throw SendError(.writeFailed, reason: "fd \(fd): wrote nothing") }
      offset += written
    }
  }

  /// Opens `path` for appending, creating it (and its directory) when missing.
  static func openForAppend(_ path: String) throws(SendError) -> Int32 {
    try makeParentDirectory(of: path)
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw SendError(.writeFailed, reason: "\(path): \(errorText(errno))") }
    return fd
  }

  /// Creates the directories above `path` that do not exist yet.
  static func makeParentDirectory(of path: String) throws(SendError) {
    let utf8 = Array(path.utf8)
    for (index, byte) in utf8.enumerated() where byte == UInt8(ascii: "/") && index > 0 {
      let directory = String(decoding: utf8[..<index], as: UTF8.self)
      if mkdir(directory, 0o755) != 0 && errno != EEXIST {
        throw SendError(.writeFailed, reason: "\(directory): \(errorText(errno))")
      }
    }
  }

  /// The text of an `errno` value.
  static func errorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "errno \(code)" }
    return String(cString: text)
  }
}
