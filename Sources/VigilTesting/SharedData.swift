import Foundation

/// Paths into `../shared` (the anchors beside the repository), for tests that read them.
///
/// Where `../shared` is absent (a user's clone), such tests are disabled with a clear message;
/// under `CI=true` they run anyway and fail on `require`, so CI can never pass by skipping them.
public enum SharedData {
  /// The repository root, found from this file's path.
  public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `../shared` next to the repository.
  public static let root: URL = repositoryRoot.deletingLastPathComponent()
    .appendingPathComponent("shared")

  /// True when running in CI (`CI=true`).
  public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

  /// True when `../shared` exists.
  public static var isAvailable: Bool {
    FileManager.default.fileExists(atPath: root.appendingPathComponent("anchors").path)
  }

  /// Whether a test reading `../shared` should run: where it exists, and always in CI.
  public static var shouldRun: Bool { isAvailable || isCI }

  /// The message shown when such a test is skipped.
  public static let skipMessage =
    "../shared is absent (not a CI run): skipping tests on shared anchors"

  /// The path of a file or folder under `../shared`; throws when absent (so CI fails loudly).
  public static func require(_ relative: String) throws -> URL {
    let url = root.appendingPathComponent(relative)
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw MissingSharedData(path: url.path)
    }
    return url
  }

  /// `../shared` or a file in it is missing.
  public struct MissingSharedData: Error, CustomStringConvertible {
    /// The missing path.
    public var path: String
    /// Explanation.
    public var description: String { "missing shared data at \(path) (CI=\(isCI))" }
  }
}
