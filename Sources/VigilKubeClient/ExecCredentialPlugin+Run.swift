import Foundation
import Synchronization

extension ExecCredentialPlugin {
  /// Runs the plugin (no shell: the executable with an argument array) and parses what it prints.
  ///
  /// The blocking wait happens on a Dispatch queue, not on the cooperative pool; the plugin is
  /// terminated after `timeout`.
  public func run() async throws(KubeClientError) -> ExecCredential {
    let executable = try resolvedExecutable()
    let environment = mergedEnvironment()
    let result = await withCheckedContinuation {
      (continuation: CheckedContinuation<Result<[UInt8], KubeClientError>, Never>) in
      DispatchQueue.global().async {
        continuation.resume(returning: self.runBlocking(executable, environment: environment))
      }
    }
    return try ExecCredential(parsing: result.get(), apiVersion: apiVersion)
  }

  /// The executable's absolute path.
  func resolvedExecutable() throws(KubeClientError) -> String {
    guard Self.supportedAPIVersions.contains(apiVersion) else {
      throw KubeClientError(.execFailed, "unsupported exec apiVersion \(apiVersion)")
    }
    if command.contains("/") {
      return KubeConfiguration.resolve(command, relativeTo: directory)
    }
    let searchPath = mergedEnvironment()["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for directory in searchPath.split(separator: ":") {
      let candidate = "\(directory)/\(command)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw KubeClientError(.execFailed, "\(command) not found in PATH")
  }

  /// The inherited environment plus the plugin's variables and `KUBERNETES_EXEC_INFO`.
  func mergedEnvironment() -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment.merge(self.environment) { _, new in new }
    environment["KUBERNETES_EXEC_INFO"] =
      #"{"apiVersion":"\#(apiVersion)","kind":"ExecCredential","spec":{"interactive":false}}"#
    return environment
  }

  /// Starts the process, reads its output and waits, all on the calling thread.
  private func runBlocking(_ executable: String, environment: [String: String]) -> Result<
    [UInt8], KubeClientError
  > {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment
    if !directory.isEmpty { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      return .failure(KubeClientError(.execFailed, "cannot run \(executable): \(error)"))
    }
    let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
    let deadline = DispatchWorkItem { if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: deadline)
    // Standard error is drained concurrently so that a chatty plugin cannot block on a full pipe.
    let errorText = ErrorText()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) {
      errorText.set(errors.fileHandleForReading.readDataToEndOfFile())
    }
    let printed = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    group.wait()
    deadline.cancel()
    guard process.terminationReason == .exit, process.terminationStatus == 0 else {
      let how =
        process.terminationReason == .exit
        ? "exited with status \(process.terminationStatus)" : "was terminated (timeout?)"
      let stderr = errorText.text.trimmingCharacters(in: .whitespacesAndNewlines)
      return .failure(
        KubeClientError(
          .execFailed, "\(executable) \(how)" + (stderr.isEmpty ? "" : ": \(stderr.prefix(500))")))
    }
    return .success([UInt8](printed))
  }
}

/// The plugin's standard error, written by the draining thread and read after it finished.
private final class ErrorText: Sendable {
  private let data = Mutex(Data())
  func set(_ data: Data) { self.data.withLock { $0 = data } }
  var text: String { data.withLock { String(decoding: $0, as: UTF8.self) } }
}
