#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A buffered writer to a file descriptor (standard output by default), safe for Swift 6 (no C
/// `stdout` global): alerts and summaries are written through it.
public final class TextOutput: @unchecked Sendable {
  // @unchecked: used from one task at a time (the pipeline's); the buffer is not shared.
  private let fd: Int32
  private var buffer: [UInt8] = []
  private let closeOnDeinit: Bool

  /// Standard output.
  public static func standardOutput() -> TextOutput { TextOutput(fd: 1) }
  /// Standard error.
  public static func standardError() -> TextOutput { TextOutput(fd: 2) }

  /// Writes to an open descriptor.
  public init(fd: Int32, closeOnDeinit: Bool = false) {
    self.fd = fd
    self.closeOnDeinit = closeOnDeinit
    buffer.reserveCapacity(64 * 1024)
  }

  /// Opens (creating or truncating) a file for writing.
  public convenience init?(path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return nil }
    self.init(fd: fd, closeOnDeinit: true)
  }

  /// True when the descriptor is a terminal (for tables, colours and the progress bar).
  public var isTerminal: Bool { isatty(fd) == 1 }

  /// Appends text; flushed when the buffer is large or on `flush()`.
  public func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 64 * 1024 { flush() }
  }

  /// Writes the buffered bytes out.
  public func flush() {
    var offset = 0
    while offset < buffer.count {
      let written = buffer.withUnsafeBytes { raw in
        Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
      }
      if written <= 0 { break }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
  }

  deinit {
    flush()
    if closeOnDeinit { close(fd) }
  }
}
