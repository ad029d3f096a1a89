import Foundation

/// Runs a program (no shell) and collects what it printed: for tests that set up namespaces,
/// links and nftables with the real tools.
public enum Command {
  /// What a finished program printed and returned.
  public struct Result: Sendable {
    /// Exit status.
    public var status: Int32
    /// Standard output.
    public var output: String
    /// Standard error.
    public var error: String
  }

  /// A program exited with a non-zero status.
  public struct Failure: Error, CustomStringConvertible {
    /// The arguments run.
    public var arguments: [String]
    /// What it returned and printed.
    public var result: Result
    /// Explanation.
    public var description: String {
      "`\(arguments.joined(separator: " "))` exited \(result.status): \(result.error)\(result.output)"
    }
  }

  /// Runs `arguments[0]` (searched in PATH) with the rest as arguments and waits for it.
  ///
  /// Output goes to temporary files, not pipes: a long-running program started meanwhile (a
  /// DNS server, an HTTP server) may inherit a pipe's write end, and reading a pipe to its end
  /// would then wait for that program too.
  @discardableResult
  public static func run(_ arguments: [String], check: Bool = true) throws -> Result {
    let directory = FileManager.default.temporaryDirectory
    let stem = "vigil-command-\(getpid())-\(serial.next())"
    let outputURL = directory.appendingPathComponent(stem + ".out")
    let errorURL = directory.appendingPathComponent(stem + ".err")
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: outputURL)
      try? FileManager.default.removeItem(at: errorURL)
    }
    let output = try FileHandle(forWritingTo: outputURL)
    let error = try FileHandle(forWritingTo: errorURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.standardOutput = output
    process.standardError = error
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try? output.close()
    try? error.close()
    let result = Result(
      status: process.terminationStatus,
      output: String(
        decoding: FileManager.default.contents(atPath: outputURL.path) ?? Data(), as: UTF8.self),
      error: String(
        decoding: FileManager.default.contents(atPath: errorURL.path) ?? Data(), as: UTF8.self))
    if check && result.status != 0 { throw Failure(arguments: arguments, result: result) }
    return result
  }

  private static let serial = LockedCounter()

  /// Starts a long-running program with its output sent to `logPath`; the caller terminates it.
  public static func start(_ arguments: [String], logPath: String? = nil) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    if let logPath {
      _ = FileManager.default.createFile(atPath: logPath, contents: nil)
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
      process.standardOutput = handle
      process.standardError = handle
    } else {
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
    }
    try process.run()
    return process
  }

  /// Stops a program `start` began: SIGKILL (children of the test process may have SIGTERM
  /// blocked) and waits for it, so no server outlives its test.
  public static func stop(_ process: Process) {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  /// True when `program` is found in PATH.
  public static func exists(_ program: String) -> Bool {
    (try? run(["which", program], check: false).status) == 0
  }
}
