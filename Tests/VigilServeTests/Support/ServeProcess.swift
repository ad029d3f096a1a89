import Foundation
import Synchronization
import Testing

/// The built `vigil` binary running `vigil serve` in a child process, with its log (JSON lines
/// on standard error) captured, for tests that treat it as a user would: start, post, signal,
/// kill -9, restart.
final class ServeProcess: Sendable {
  /// The `vigil` binary beside the test bundle (`swift test` builds every product first).
  static var binary: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent().appendingPathComponent("vigil")
  }

  /// Text shared with the pipe's reading handler.
  private final class LogBuffer: Sendable {
    let text = Mutex("")
  }

  private let process: Process
  private let log = LogBuffer()

  /// Starts `vigil <subcommand>` with `arguments` (a JSON log format is added), inside the
  /// network namespace named `namespace` when given (`ip netns exec`, which execs: the pid is
  /// vigil's).
  init(
    _ arguments: [String], subcommand: String? = "serve", executable: String = "vigil",
    namespace: String? = nil
  ) throws {
    let binary = Self.binary.deletingLastPathComponent().appendingPathComponent(executable)
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
      throw ServeProcessError("no \(executable) binary at \(binary.path): build the package first")
    }
    process = Process()
    let command = (subcommand.map { [$0] } ?? []) + arguments + ["--log-format", "json"]
    if let namespace {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["ip", "netns", "exec", namespace, binary.path] + command
    } else {
      process.executableURL = binary
      process.arguments = command
    }
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    let log = self.log
    errors.fileHandleForReading.readabilityHandler = { handle in
      let data = handle.availableData
      guard !data.isEmpty else {
        handle.readabilityHandler = nil
        return
      }
      log.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
    }
    try process.run()
  }

  /// Everything logged so far.
  var output: String { log.text.withLock { $0 } }

  /// The process id.
  var pid: Int32 { process.processIdentifier }

  /// Waits (20 s at most) for the `listening` line and returns the port.
  func port() async throws -> Int {
    let deadline = ContinuousClock.now + .seconds(20)
    while ContinuousClock.now < deadline {
      for line in output.split(separator: "\n") where line.contains("\"message\":\"listening\"") {
        if let range = line.range(of: #""listen.port":""#) {
          let digits = line[range.upperBound...].prefix { $0.isNumber }
          if let port = Int(digits) { return port }
        }
      }
      guard process.isRunning else {
        throw ServeProcessError("vigil serve exited (\(process.terminationStatus)):\n\(output)")
      }
      try await Task.sleep(for: .milliseconds(20))
    }
    throw ServeProcessError("vigil serve did not start listening within 20 s:\n\(output)")
  }

  /// Waits (20 s at most) until the log holds `text`.
  func waitForLog(_ text: String) async throws {
    let deadline = ContinuousClock.now + .seconds(20)
    while !output.contains(text) {
      guard ContinuousClock.now < deadline else {
        throw ServeProcessError("no log line with \(text) within 20 s:\n\(output)")
      }
      try await Task.sleep(for: .milliseconds(20))
    }
  }

  /// Sends a signal.
  func signal(_ number: Int32) { kill(process.processIdentifier, number) }

  /// SIGTERM, then waits for the exit; returns the exit status.
  @discardableResult
  func stop() -> Int32 {
    signal(SIGTERM)
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// SIGKILL (`kill -9`), then waits for the process to be gone.
  func kill9() {
    signal(SIGKILL)
    process.waitUntilExit()
  }

  deinit {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }
}

/// A `vigil serve` child process misbehaved.
struct ServeProcessError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
