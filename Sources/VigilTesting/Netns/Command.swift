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
  @discardableResult
  public static func run(_ arguments: [String], check: Bool = true) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes to the end before waiting, so a chatty program cannot block on a full pipe.
    let errorData = LockedData()
    let errorReader = Thread { errorData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    errorReader.start()
    let outputData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errorData.isSet { usleep(1_000) }
    let result = Result(
      status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
      error: String(decoding: errorData.value, as: UTF8.self))
    if check && result.status != 0 { throw Failure(arguments: arguments, result: result) }
    return result
  }

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

  /// True when `program` is found in PATH.
  public static func exists(_ program: String) -> Bool {
    (try? run(["which", program], check: false).status) == 0
  }
}

/// Data handed from a reader thread.
final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  private var done = false

  func set(_ value: Data) {
    lock.lock()
    data = value
    done = true
    lock.unlock()
  }

  var isSet: Bool {
    lock.lock()
    defer { lock.unlock() }
    return done
  }

  var value: Data {
    lock.lock()
    defer { lock.unlock() }
    return data
  }
}
