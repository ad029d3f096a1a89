/// The single-pass validating scanner behind `JSONIndexer`: an explicit stack instead of
/// recursion, strings skipped eight bytes at a time, and index entries written through pointers
/// into a buffer the indexer owns. When that buffer is nearly full the scan pauses, the indexer
/// grows it, and the scan resumes where it stopped.
enum JSONScanner {
  /// One open container on the explicit stack.
  struct Frame: Sendable {
    var node: Int
    var count: Int
    var isObject: Bool
  }

  /// Where a paused scan resumes: the next byte, the entries written, the open containers.
  struct State: Sendable {
    var i = 0
    var count = 0
    var depth = 0
    var started = false
    /// The next thing to read is an object key (then its value).
    var wantKey = false
    /// Some string (key or value) so far has a backslash escape.
    var sawEscape = false
  }

  /// How a call to `scan` ended.
  enum Outcome {
    /// The text is valid and fully indexed (`state.count` entries).
    case done
    /// The node buffer is nearly full: grow it and call `scan` again with the same state.
    case full
    /// The text is not valid JSON.
    case failed(JSONParseError)
  }

  /// Free entries needed to go round the value loop once (a key and a value).
  static let minimumFree = 2

  private typealias Tag = JSONNode.Tag
  private typealias Flags = JSONNode.Flags

  private static let quote: UInt8 = 0x22
  private static let backslash: UInt8 = 0x5C

  /// Validates `p` as one JSON text, writing its index to `out` from `state.count` on; the
  /// nesting limit is `stack.count`.
  static func scan(
    _ p: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<JSONNode>,
    stack: UnsafeMutableBufferPointer<Frame>, state: inout State
  ) -> Outcome {
    let n = p.count
    let maxDepth = stack.count
    var i = state.i
    var count = state.count
    var depth = state.depth
    var wantKey = state.wantKey
    var sawEscape = state.sawEscape
    defer {
      state.i = i
      state.count = count
      state.depth = depth
      state.wantKey = wantKey
      state.sawEscape = sawEscape
    }
    if !state.started {
      skipWhitespace(p, &i)
      guard i < n else { return .failed(JSONParseError(code: .empty, offset: i)) }
      state.started = true
    }
    guard let base = p.baseAddress else { return .failed(JSONParseError(code: .empty, offset: i)) }
    let raw = UnsafeRawPointer(base)

    valueLoop: while true {
      if out.count &- count < minimumFree { return .full }
      if wantKey {
        wantKey = false
        if let error = scanKey(p, raw, &i, out, &count, &sawEscape) { return .failed(error) }
      }
      guard i < n else { return .failed(JSONParseError(code: .unexpectedEnd, offset: n)) }
      let c = p[i]
      switch c {
      case 0x22:
        if let error = scanString(p, raw, &i, out, &count, &sawEscape) { return .failed(error) }
      case 0x7B, 0x5B:  // { [
        let isObject = c == 0x7B
        guard depth < maxDepth else { return .failed(JSONParseError(code: .tooDeep, offset: i)) }
        let index = count
        out[index] = JSONNode(
          start: i, end: i &+ 1, next: index &+ 1, count: 0,
          tag: isObject ? Tag.object : Tag.array, flags: 0)
        count = index &+ 1
        i &+= 1
        skipWhitespace(p, &i)
        if i < n && p[i] == (isObject ? 0x7D : 0x5D) {
          i &+= 1
          out[index].end = i
        } else {
          stack[depth] = Frame(node: index, count: 1, isObject: isObject)
          depth &+= 1
          wantKey = isObject
          continue valueLoop
        }
      case 0x2D, 0x30...0x39:
        if let error = scanNumber(p, &i, out, &count) { return .failed(error) }
      case 0x74:
        if let error = scanLiteral(p, raw, &i, out, &count, tag: Tag.true) { return .failed(error) }
      case 0x66:
        if let error = scanLiteral(p, raw, &i, out, &count, tag: Tag.false) {
          return .failed(error)
        }
      case 0x6E:
        if let error = scanLiteral(p, raw, &i, out, &count, tag: Tag.null) { return .failed(error) }
      default:
        return .failed(JSONParseError(code: .unexpectedByte(c), offset: i))
      }

      // A value just ended: close containers until one wants another value.
      while true {
        skipWhitespace(p, &i)
        guard depth > 0 else { break valueLoop }
        guard i < n else { return .failed(JSONParseError(code: .unexpectedEnd, offset: n)) }
        let c = p[i]
        if c == 0x2C {
          i &+= 1
          stack[depth &- 1].count &+= 1
          skipWhitespace(p, &i)
          wantKey = stack[depth &- 1].isObject
          continue valueLoop
        }
        let top = stack[depth &- 1]
        guard c == (top.isObject ? 0x7D : 0x5D) else {
          return .failed(JSONParseError(code: .unexpectedByte(c), offset: i))
        }
        i &+= 1
        out[top.node].end = i
        out[top.node].next = count
        out[top.node].count = UInt32(clamping: top.count)
        depth &-= 1
      }
    }
    if i < n { return .failed(JSONParseError(code: .trailingContent, offset: i)) }
    return .done
  }

  @inline(__always)
  private static func isWhitespace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09
  }

  @inline(__always)
  private static func skipWhitespace(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
    // Compact JSON has none: one comparison decides.
    guard i < p.count, p[i] <= 0x20 else { return }
    while i < p.count, isWhitespace(p[i]) { i &+= 1 }
  }

  /// An object key (a string), the colon, and the whitespace up to the member's value.
  @inline(__always)
  private static func scanKey(
    _ p: UnsafeBufferPointer<UInt8>, _ raw: UnsafeRawPointer, _ i: inout Int,
    _ out: UnsafeMutableBufferPointer<JSONNode>, _ count: inout Int, _ sawEscape: inout Bool
  ) -> JSONParseError? {
    guard i < p.count else { return JSONParseError(code: .unexpectedEnd, offset: i) }
    guard p[i] == quote else { return JSONParseError(code: .unexpectedByte(p[i]), offset: i) }
    if let error = scanString(p, raw, &i, out, &count, &sawEscape) { return error }
    if i < p.count && p[i] == 0x3A {  // the common case: the colon right after the key
      i &+= 1
    } else {
      skipWhitespace(p, &i)
      guard i < p.count else { return JSONParseError(code: .unexpectedEnd, offset: i) }
      guard p[i] == 0x3A else { return JSONParseError(code: .unexpectedByte(p[i]), offset: i) }
      i &+= 1
    }
    skipWhitespace(p, &i)
    return nil
  }

  /// Nonzero high bits mark bytes that are `"`, `\` or below 0x20 (the lowest one is exact).
  @inline(__always)
  static func specialBytes(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let quotes = word ^ (ones &* 0x22)
    let slashes = word ^ (ones &* 0x5C)
    let q = (quotes &- ones) & ~quotes
    let s = (slashes &- ones) & ~slashes
    let control = (word &- ones &* 0x20) & ~word
    return (q | s | control) & 0x8080_8080_8080_8080
  }

  /// A string starting at the quote at `i`; on return `i` is past the closing quote.
  /// `sawEscape` is set when the string has a backslash escape.
  @inline(__always)
  private static func scanString(
    _ p: UnsafeBufferPointer<UInt8>, _ raw: UnsafeRawPointer, _ i: inout Int,
    _ out: UnsafeMutableBufferPointer<JSONNode>, _ count: inout Int, _ sawEscape: inout Bool
  ) -> JSONParseError? {
    let n = p.count
    let start = i
    var j = i &+ 1
    var flags: UInt8 = 0
    stringLoop: while true {
      while j &+ 8 <= n {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: j, as: UInt64.self))
        let special = specialBytes(word)
        if special != 0 {
          // The lowest marked byte is exact: its high bit is bit 8k+7 for byte k of the word.
          let bit = special.trailingZeroBitCount
          j &+= bit &>> 3
          // The common case, the closing quote, read from the word instead of memory.
          if UInt8(truncatingIfNeeded: word &>> UInt64(bit & ~7)) == quote { break stringLoop }
          break
        }
        j &+= 8
      }
      guard j < n else { return JSONParseError(code: .unexpectedEnd, offset: n) }
      let c = p[j]
      if c == quote { break }
      if c == backslash {
        flags = Flags.escaped
        sawEscape = true
        guard j + 1 < n else { return JSONParseError(code: .unexpectedEnd, offset: n) }
        switch p[j + 1] {
        case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
          j += 2
        case 0x75:
          for k in 2..<6 {
            guard j + k < n else { return JSONParseError(code: .unexpectedEnd, offset: n) }
            guard hexValue(p[j + k]) != nil else {
              return JSONParseError(code: .invalidUnicodeEscape, offset: j)
            }
          }
          j += 6
        default:
          return JSONParseError(code: .invalidEscape, offset: j)
        }
      } else if c < 0x20 {
        return JSONParseError(code: .controlCharacterInString, offset: j)
      } else {
        j &+= 1
      }
    }
    out[count] = JSONNode(
      start: start, end: j &+ 1, next: count &+ 1, count: 0, tag: Tag.string, flags: flags)
    count &+= 1
    i = j &+ 1
    return nil
  }

  @inline(__always)
  private static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

  /// The value of an ASCII hexadecimal digit.
  @inline(__always)
  static func hexValue(_ c: UInt8) -> UInt32? {
    switch c {
    case 0x30...0x39: return UInt32(c - 0x30)
    case 0x41...0x46: return UInt32(c - 0x41 + 10)
    case 0x61...0x66: return UInt32(c - 0x61 + 10)
    default: return nil
    }
  }

  /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` starting at `i`.
  @inline(__always)
  private static func scanNumber(
    _ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ out: UnsafeMutableBufferPointer<JSONNode>,
    _ count: inout Int
  ) -> JSONParseError? {
    let n = p.count
    let start = i
    var j = i
    var flags = Flags.integer
    if p[j] == 0x2D { j &+= 1 }
    guard j < n else { return JSONParseError(code: .unexpectedEnd, offset: n) }
    if p[j] == 0x30 {
      j &+= 1
      if j < n && isDigit(p[j]) { return JSONParseError(code: .invalidNumber, offset: j) }
    } else if isDigit(p[j]) {
      j &+= 1
      while j < n && isDigit(p[j]) { j &+= 1 }
    } else {
      return JSONParseError(code: .invalidNumber, offset: j)
    }
    if j < n && p[j] == 0x2E {
      flags = 0
      j &+= 1
      guard j < n else { return JSONParseError(code: .unexpectedEnd, offset: n) }
      guard isDigit(p[j]) else { return JSONParseError(code: .invalidNumber, offset: j) }
      while j < n && isDigit(p[j]) { j &+= 1 }
    }
    if j < n && (p[j] == 0x65 || p[j] == 0x45) {
      flags = 0
      j &+= 1
      if j < n && (p[j] == 0x2B || p[j] == 0x2D) { j &+= 1 }
      guard j < n else { return JSONParseError(code: .unexpectedEnd, offset: n) }
      guard isDigit(p[j]) else { return JSONParseError(code: .invalidNumber, offset: j) }
      while j < n && isDigit(p[j]) { j &+= 1 }
    }
    out[count] = JSONNode(
      start: start, end: j, next: count &+ 1, count: 0, tag: Tag.number, flags: flags)
    count &+= 1
    i = j
    return nil
  }

  /// `true`, `false` or `null` starting at `i`.
  @inline(__always)
  private static func scanLiteral(
    _ p: UnsafeBufferPointer<UInt8>, _ raw: UnsafeRawPointer, _ i: inout Int,
    _ out: UnsafeMutableBufferPointer<JSONNode>, _ count: inout Int, tag: UInt8
  ) -> JSONParseError? {
    // The literal's bytes, little-endian, and its length.
    let (word, length): (UInt64, Int) =
      switch tag {
      case Tag.true: (0x6575_7274, 4)  // "true"
      case Tag.false: (0x65_736C_6166, 5)  // "false"
      default: (0x6C6C_756E, 4)  // "null"
      }
    let n = p.count
    if i &+ 8 <= n {
      let mask: UInt64 = (1 &<< UInt64(length &* 8)) &- 1
      let got = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      if got & mask != word {
        // Find the first differing byte for the error.
        let diff = (got ^ word) & mask
        let k = diff.trailingZeroBitCount &>> 3
        return JSONParseError(code: .unexpectedByte(p[i &+ k]), offset: i &+ k)
      }
    } else {
      for k in 0..<length {
        guard i + k < n else { return JSONParseError(code: .unexpectedEnd, offset: n) }
        let expected = UInt8(truncatingIfNeeded: word &>> UInt64(k &* 8))
        guard p[i + k] == expected else {
          return JSONParseError(code: .unexpectedByte(p[i + k]), offset: i + k)
        }
      }
    }
    out[count] = JSONNode(
      start: i, end: i &+ length, next: count &+ 1, count: 0, tag: tag, flags: 0)
    count &+= 1
    i &+= length
    return nil
  }
}
