import Foundation

/// Finds the file a checkpoint points into after it was rotated away from the followed path:
/// `audit.log.1` (logrotate) or `audit-2024-05-01T10-00-00.000.log` (kube-apiserver) in the
/// same directory. Used once, when resuming; compressed rotations have new inodes and are
/// never matched.
enum RotatedFiles {
  /// The regular file beside `path` whose name starts like it (up to its last `.`) and whose
  /// device and inode are `identity`, opened; nil when there is none.
  static func find(_ identity: FileIdentity, besides path: String) -> FollowedFile? {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[..<$0]) } ?? "."
    let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let stem = base.lastIndex(of: ".").map { String(base[..<$0]) } ?? base
    guard !stem.isEmpty,
      let names = try? FileManager.default.contentsOfDirectory(
        atPath: directory.isEmpty ? "/" : directory)
    else { return nil }
    for name in names.sorted() where name != base && name.hasPrefix(stem) {
      let candidate = (directory.isEmpty ? "" : directory) + "/" + name
      guard let found = try? FileIdentity.of(path: candidate), found.identity == identity,
        let file = try? FollowedFile.openIfPresent(candidate), file.identity == identity
      else { continue }
      return file
    }
    return nil
  }
}
