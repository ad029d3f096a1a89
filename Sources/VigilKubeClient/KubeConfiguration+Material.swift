import Foundation

extension KubeConfiguration.Material {
  /// The bytes: the inline data, or the file's contents.
  public func load() throws(KubeClientError) -> [UInt8] {
    switch self {
    case .data(let bytes):
      return bytes
    case .file(let path):
      return try KubeConfiguration.readFile(path, what: "file")
    }
  }
}

extension KubeConfiguration {
  /// Reads a whole file, as `unreadableFile` naming `what` and the path when it fails.
  static func readFile(_ path: String, what: String) throws(KubeClientError) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw KubeClientError(.unreadableFile, "cannot read \(what) \(path)")
    }
    return [UInt8](data)
  }

  /// `path` when absolute (or empty), else joined to `directory`.
  static func resolve(_ path: String, relativeTo directory: String) -> String {
    guard !path.hasPrefix("/"), !path.isEmpty, !directory.isEmpty else { return path }
    return URL(fileURLWithPath: directory).appendingPathComponent(path).standardized.path
  }
}
