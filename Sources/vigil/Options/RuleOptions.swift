import ArgumentParser
import Foundation
import VigilRules

/// `--rules`: which rule files to load, shared by every command that evaluates rules.
struct RuleOptions: ParsableArguments {
  @Option(
    name: .customLong("rules"),
    help: ArgumentHelp(
      "A Falco rule file or a directory of them (repeatable; loaded in order, later files override earlier ones).",
      discussion:
        "Default: Vigil's rule packs (rules/*.yaml beside the vigil checkout, or $VIGIL_RULES_DIR).",
      valueName: "path"))
  var rules: [String] = []

  /// The rule files to load, directories expanded (sorted).
  func ruleFiles() throws -> [URL] { try Self.files(rules) }

  /// Rule files from paths (directories expanded, sorted); Vigil's packs when `paths` is empty.
  static func files(_ paths: [String]) throws -> [URL] {
    let paths = paths.isEmpty ? [try RulePackLocator.defaultDirectory()] : paths
    var files: [URL] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw ValidationError("no such rule file or directory: \(path)")
      }
      if isDirectory.boolValue {
        let names = try FileManager.default.contentsOfDirectory(atPath: path)
          .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        files += names.map { URL(fileURLWithPath: path).appendingPathComponent($0) }
      } else {
        files.append(URL(fileURLWithPath: path))
      }
    }
    return files
  }

  /// Loads and compiles the rules; a load error is printed with file, line and column.
  func load() throws -> RuleSet {
    let files = try ruleFiles()
    do {
      return try RuleSet.load(files: files)
    } catch {
      throw ValidationError("could not load rules:\n\(error)")
    }
  }
}

/// Finds Vigil's own rule packs when `--rules` is not given.
enum RulePackLocator {
  /// `$VIGIL_RULES_DIR`, else the `rules/` folder of the checkout the binary was built in
  /// (searched upwards from the executable), else `./rules`, else `/etc/vigil/rules`.
  static func defaultDirectory() throws -> String {
    if let dir = ProcessInfo.processInfo.environment["VIGIL_RULES_DIR"], !dir.isEmpty { return dir }
    for candidate in candidates() where isPack(candidate) { return candidate }
    throw ValidationError(
      "Vigil's rule packs were not found (looked beside the executable, in ./rules and /etc/vigil/rules); pass --rules or set VIGIL_RULES_DIR"
    )
  }

  /// The repository root the binary was built in, if found (for demo data too).
  static func checkoutRoot() -> URL? {
    candidates().first(where: isPack).map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
  }

  private static func candidates() -> [String] {
    var out: [String] = []
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    for _ in 0..<6 {
      out.append(dir.appendingPathComponent("rules").path)
      dir = dir.deletingLastPathComponent()
    }
    out.append(FileManager.default.currentDirectoryPath + "/rules")
    out.append("/etc/vigil/rules")
    return out
  }

  private static func isPack(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: path + "/audit.yaml")
  }
}
