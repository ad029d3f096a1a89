/// Where a follower stands in the audit log, for resuming after a restart: which file (device,
/// inode and a fingerprint of its first bytes), the byte offset of the first unprocessed line
/// and that line's number.
///
/// The caller persists it together with what the events of the batch it came with produced, so
/// a restart resumes exactly after the last line whose results were kept.
public struct FollowCheckpoint: Sendable, Codable, Hashable, CustomStringConvertible {
  /// The file's device and inode.
  public var file: FileIdentity
  /// The byte offset of the first line not yet processed.
  public var offset: Int
  /// The 1-based number of the line at `offset`.
  public var line: Int
  /// FNV-1a hash of the file's first `fingerprintLength` bytes, which tells a reused inode
  /// number (a different file) from the file the checkpoint was taken in.
  public var fingerprint: UInt64
  /// How many bytes `fingerprint` covers: the first `min(256, offset)` bytes of the file.
  public var fingerprintLength: Int
  /// True when `offset` lies inside a line too long to read, whose rest (up to its newline) is
  /// to be skipped.
  public var insideSkippedLine: Bool

  /// How many leading bytes of a file a fingerprint covers at most.
  public static let maxFingerprintLength = 256

  /// Creates a checkpoint.
  public init(
    file: FileIdentity, offset: Int, line: Int, fingerprint: UInt64, fingerprintLength: Int,
    insideSkippedLine: Bool = false
  ) {
    self.file = file
    self.offset = offset
    self.line = line
    self.fingerprint = fingerprint
    self.fingerprintLength = fingerprintLength
    self.insideSkippedLine = insideSkippedLine
  }

  /// `file device:inode offset N line N`.
  public var description: String {
    "file \(file) offset \(offset) line \(line)\(insideSkippedLine ? " (inside a skipped line)" : "")"
  }

  /// FNV-1a (64-bit) of `bytes`: cheap, stable across platforms and releases.
  static func fingerprint<Bytes: Sequence<UInt8>>(of bytes: Bytes) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01b3
    }
    return hash
  }
}
