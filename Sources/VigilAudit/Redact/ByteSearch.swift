#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Fast substring search in bytes: memchr for a rare byte of the needle, then a compare.
enum ByteSearch {
  /// Whether `needle`'s UTF-8 occurs in `haystack`.
  static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
    contains(haystack, Array(needle.utf8))
  }

  /// Whether the bytes `pattern` occur in `haystack`.
  static func contains(_ haystack: [UInt8], _ pattern: [UInt8]) -> Bool {
    guard !pattern.isEmpty else { return true }
    guard haystack.count >= pattern.count else { return false }
    // Anchor on the pattern's first upper-case letter (rare in JSON), else its first byte.
    let anchor = pattern.firstIndex { $0 >= 0x41 && $0 <= 0x5A } ?? 0
    return haystack.withUnsafeBufferPointer { h in
      pattern.withUnsafeBufferPointer { n in
        guard let base = h.baseAddress, let needle = n.baseAddress else { return false }
        var i = anchor  // candidate anchor position in the haystack
        let lastAnchor = h.count - n.count + anchor
        while i <= lastAnchor {
          guard let hit = memchr(base + i, Int32(n[anchor]), lastAnchor - i + 1) else {
            return false
          }
          let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
          // Patterns are short: compare in place rather than call memcmp for each candidate.
          var k = 0
          let from = at - anchor
          while k < n.count && h[from + k] == needle[k] { k += 1 }
          if k == n.count { return true }
          i = at + 1
        }
        return false
      }
    }
  }
}
