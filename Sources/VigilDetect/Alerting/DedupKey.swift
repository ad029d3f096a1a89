/// Stable dedup keys: the same finding about the same subject always gets the same key, across
/// runs and machines (FNV-1a 64 over the parts, printed as hex).
public enum DedupKey {
  private static let prime: UInt64 = 0x0000_0100_0000_01b3

  /// The key for a list of parts (rule name, subject, output …).
  public static func make(_ parts: [String]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for part in parts {
      var part = part
      // Contiguous UTF-8 (native strings already are): hashed in place, no iterator per byte.
      hash = part.withUTF8 { bytes in
        var h = hash
        for byte in bytes {
          h ^= UInt64(byte)
          h = h &* prime
        }
        return h
      }
      hash ^= 0x1f
      hash = hash &* prime
    }
    return hex16(hash)
  }

  /// `value` as 16 lowercase hex digits, zero-padded, written straight into the string.
  private static func hex16(_ value: UInt64) -> String {
    String(unsafeUninitializedCapacity: 16) { buffer in
      let digits: StaticString = "0123456789abcdef"
      let table = digits.utf8Start
      for i in 0..<16 {
        let nibble = Int(truncatingIfNeeded: (value &>> UInt64((15 &- i) &* 4)) & 0xF)
        buffer[i] = table[nibble]
      }
      return 16
    }
  }
}
