/// FNV-1a 64 over a string's UTF-8: the same id on every run and machine (Swift's `Hasher` is
/// seeded per process), for sketch keys that must be reproducible.
public enum StableHash {
  private static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
  private static let prime: UInt64 = 0x0000_0100_0000_01b3

  /// The FNV-1a 64 hash of `text`.
  @inline(__always)
  public static func fnv1a64(_ text: String) -> UInt64 {
    var text = text
    return text.withUTF8 { bytes in
      var hash = offset
      for byte in bytes {
        hash ^= UInt64(byte)
        hash = hash &* prime
      }
      return hash
    }
  }
}
