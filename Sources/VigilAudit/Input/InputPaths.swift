import Foundation

/// Expands the paths given to an audit input: files as they are, directories into the files
/// inside (recursively, sorted, hidden entries skipped), `-` for standard input.
enum InputPaths {
  /// The files to read, in order; throws for a path that does not exist.
  static func expand(_ paths: [String]) throws(AuditInputError) -> [String] {
    var out: [String] = []
    for path in paths {
      if path == "-" {
        out.append(path)
        continue
      }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw AuditInputError(code: .notFound, position: .init(file: path, line: 0))
      }
      if isDirectory.boolValue {
        out.append(contentsOf: try files(in: path))
      } else {
        out.append(path)
      }
    }
    return out
  }

  /// Regular files under `directory`, depth first, names sorted, hidden entries skipped.
  static func files(in directory: String) throws(AuditInputError) -> [String] {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory)
    } catch {
      throw AuditInputError(code: .unreadable(13), position: .init(file: directory, line: 0))
    }
    var out: [String] = []
    for name in names.sorted() where !name.hasPrefix(".") {
      let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        continue
      }
      if isDirectory.boolValue {
        out.append(contentsOf: try files(in: path))
      } else {
        out.append(path)
      }
    }
    return out
  }
}
