/// Stable dedup keys: the same finding about the same subject always gets the same key, across
/// runs and machines (FNV-1a 64 over the parts, printed as hex).
public enum DedupKey {
  /// The key for a list of parts (rule name, subject, output …).
  public static func make(_ parts: [String]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for part in parts {
      for byte in part.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
      }
      hash ^= 0x1f
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
