import VigilCore
import VigilPipeline

/// Writes each alert as one JSON line (``AlertJSON``) to standard output, or to any descriptor.
/// Each line is written whole with `write(2)`, so nothing waits in a buffer.
public struct StandardOutputSender: AlertSender {
  /// The descriptor written (1 for standard output).
  public let fd: Int32

  /// Writes to `fd` (standard output by default); the descriptor stays the caller's.
  public init(fd: Int32 = 1) { self.fd = fd }

  /// Writes the alert's JSON line.
  public func send(_ alert: Alert, deliveryID: Int64) async throws(SendError) {
    try FileDescriptorIO.writeAll(Array(AlertJSON.line(alert).utf8), to: fd)
  }
}
