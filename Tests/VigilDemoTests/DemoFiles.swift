import Foundation
import VigilDemo
import VigilTesting

/// Paths of the shipped demo files and helpers to read them.
enum DemoFiles {
  /// `demo/` in the repository.
  static let folder = SharedData.repositoryRoot.appendingPathComponent("demo")
  /// The shipped, gzip-compressed log.
  static let log = folder.appendingPathComponent("audit-day.jsonl.gz")
  /// The expectations file.
  static let expected = folder.appendingPathComponent("expected.json")

  /// What `demo/expected.json` holds.
  struct Expectations: Codable, Equatable {
    var seed: UInt64
    var start: String
    var durationSeconds: Int64
    var events: Int
    var attacks: [DemoAttack]
  }

  /// The expectations for the default log.
  static func expectations(for log: DemoAuditLog, events: Int) -> Expectations {
    Expectations(
      seed: log.seed, start: log.start.rfc3339(fractionDigits: 0),
      durationSeconds: log.duration.components.seconds, events: events, attacks: log.attacks())
  }

  /// Encodes expectations as stable, pretty JSON.
  static func encode(_ e: Expectations) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(e) + Data("\n".utf8)
  }

  /// Runs a program and returns its standard output.
  static func run(_ executable: String, _ arguments: [String]) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return data
  }
}
