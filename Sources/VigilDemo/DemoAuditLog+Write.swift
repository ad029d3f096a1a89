import Foundation

extension DemoAuditLog {
  /// An error writing the demo log.
  public struct WriteError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable { case cannotCreate }
    /// The failure.
    public var code: Code
    /// The file.
    public var path: String

    /// Explanation.
    public var description: String {
      switch code {
      case .cannotCreate: "cannot create \(path)"
      }
    }
  }

  /// Writes the default demo day (seed 1, 2026-11-02, 24 h) to `path`; returns the line count.
  @discardableResult
  public static func write(to path: String) throws(WriteError) -> Int {
    try DemoAuditLog().write(to: path)
  }

  /// Writes the log as plain JSON lines (newline-terminated) to `path`; returns the line count.
  @discardableResult
  public func write(to path: String) throws(WriteError) -> Int {
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { throw WriteError(code: .cannotCreate, path: path) }
    defer { try? handle.close() }
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20)
    let all = lines()
    for line in all {
      buffer.append(contentsOf: line.utf8)
      buffer.append(0x0A)
      if buffer.count >= 1 << 20 {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
      }
    }
    handle.write(Data(buffer))
    return all.count
  }
}
