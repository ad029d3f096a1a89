/// One scalar compared with one scalar, for every single-value operator.
enum ScalarComparison {
  /// Whether `left op right` holds; values of different kinds compare as text.
  static func matches(_ op: ComparisonOperator, _ left: FieldValue, _ right: FieldValue) -> Bool {
    switch (left, right) {
    case (.missing, _), (_, .missing), (.list, _), (_, .list): return false
    case (.number(let a), .number(let b)):
      switch op {
      case .equal, .doubleEqual, .in, .intersects: return a == b
      case .notEqual: return a != b
      case .less: return a < b
      case .lessOrEqual: return a <= b
      case .greater: return a > b
      case .greaterOrEqual: return a >= b
      default: return strings(op, String(a), String(b))
      }
    case (.bool(let a), .bool(let b)):
      switch op {
      case .equal, .doubleEqual, .in, .intersects: return a == b
      case .notEqual: return a != b
      default: return false
      }
    default:
      return strings(op, left.display, right.display)
    }
  }

  /// String comparison by bytes, as libsinsp compares.
  static func strings(_ op: ComparisonOperator, _ a: String, _ b: String) -> Bool {
    switch op {
    case .equal, .doubleEqual, .in, .intersects: return a == b
    case .notEqual: return a != b
    case .less: return a.utf8.lexicographicallyPrecedes(b.utf8)
    case .lessOrEqual: return !b.utf8.lexicographicallyPrecedes(a.utf8)
    case .greater: return b.utf8.lexicographicallyPrecedes(a.utf8)
    case .greaterOrEqual: return !a.utf8.lexicographicallyPrecedes(b.utf8)
    case .contains: return ByteSearch.contains(a.utf8, Array(b.utf8))
    case .icontains: return ByteSearch.contains(a.lowercased().utf8, Array(b.lowercased().utf8))
    case .bcontains: return ByteSearch.contains(a.utf8, Array(b.utf8))
    case .startswith, .bstartswith: return a.utf8.starts(with: b.utf8)
    case .endswith: return a.utf8.reversed().starts(with: b.utf8.reversed())
    case .glob: return Glob.matches(pattern: Array(b.utf8), text: Array(a.utf8))
    case .iglob:
      return Glob.matches(pattern: Array(b.lowercased().utf8), text: Array(a.lowercased().utf8))
    case .pmatch: return PathPrefix.matches(Array(a.utf8), [Array(b.utf8)])
    case .exists: return true
    }
  }
}

/// Substring search over bytes.
enum ByteSearch {
  /// True when `needle` occurs in `haystack` (an empty needle always does).
  static func contains(_ haystack: String.UTF8View, _ needle: [UInt8]) -> Bool {
    guard let first = needle.first else { return true }
    let count = needle.count
    if let found = haystack.withContiguousStorageIfAvailable({
      search($0, needle, first: first, count: count)
    }) {
      return found
    }
    return search(Array(haystack), needle, first: first, count: count)
  }

  private static func search<C: RandomAccessCollection<UInt8>>(
    _ buffer: C, _ needle: [UInt8], first: UInt8, count: Int
  ) -> Bool where C.Index == Int {
    guard buffer.count >= count else { return false }
    var i = buffer.startIndex
    let last = buffer.endIndex - count
    while i <= last {
      if buffer[i] == first {
        var k = 1
        while k < count, buffer[i + k] == needle[k] { k += 1 }
        if k == count { return true }
      }
      i += 1
    }
    return false
  }
}

/// `pmatch`: the value is one of the paths or lies under one of them.
enum PathPrefix {
  static func matches(_ path: [UInt8], _ prefixes: [[UInt8]]) -> Bool {
    for prefix in prefixes {
      guard path.starts(with: prefix) else { continue }
      if path.count == prefix.count || prefix.last == UInt8(ascii: "/")
        || path[prefix.count] == UInt8(ascii: "/")
      {
        return true
      }
    }
    return false
  }
}

/// `glob`: `*` (any run), `?` (one byte), `[abc]`, `[a-z]`, `[!a]`, `\` escapes.
enum Glob {
  static func matches(pattern: [UInt8], text: [UInt8]) -> Bool {
    var p = 0
    var t = 0
    var star: Int? = nil
    var starText = 0
    while t < text.count {
      if p < pattern.count {
        let c = pattern[p]
        if c == UInt8(ascii: "*") {
          star = p
          starText = t
          p += 1
          continue
        }
        if let next = single(pattern, p, text[t]) {
          p = next
          t += 1
          continue
        }
      }
      guard let s = star else { return false }
      p = s + 1
      starText += 1
      t = starText
    }
    while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
    return p == pattern.count
  }

  /// Matches one byte at pattern position `p`; the position after the token, or nil.
  private static func single(_ pattern: [UInt8], _ p: Int, _ byte: UInt8) -> Int? {
    let c = pattern[p]
    if c == UInt8(ascii: "?") { return p + 1 }
    if c == UInt8(ascii: "\\"), p + 1 < pattern.count {
      return pattern[p + 1] == byte ? p + 2 : nil
    }
    if c == UInt8(ascii: "["), let close = pattern[(p + 1)...].dropFirst().firstIndex(of: UInt8(ascii: "]")) {
      var i = p + 1
      var negate = false
      if pattern[i] == UInt8(ascii: "!") || pattern[i] == UInt8(ascii: "^") {
        negate = true
        i += 1
      }
      var matched = false
      while i < close {
        if i + 2 < close, pattern[i + 1] == UInt8(ascii: "-") {
          if pattern[i] <= byte && byte <= pattern[i + 2] { matched = true }
          i += 3
        } else {
          if pattern[i] == byte { matched = true }
          i += 1
        }
      }
      return matched != negate ? close + 1 : nil
    }
    return c == byte ? p + 1 : nil
  }
}
