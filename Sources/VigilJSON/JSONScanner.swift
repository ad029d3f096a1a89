/// The single-pass validating scanner behind `JSONIndexer`: an explicit stack instead of
/// recursion, strings skipped eight bytes at a time.
enum JSONScanner {
  /// One open container on the explicit stack.
  struct Frame: Sendable {
    var node: Int
    var count: Int
    var isObject: Bool
  }

  private typealias Tag = JSONNode.Tag
  private typealias Flags = JSONNode.Flags

  private static let quote: UInt8 = 0x22
  private static let backslash: UInt8 = 0x5C

  /// Validates `p` as one JSON text and appends its index to `nodes`; returns the first error.
  static func scan(
    _ p: UnsafeBufferPointer<UInt8>, into nodes: inout [JSONNode], stack: inout [Frame],
    maxDepth: Int
  ) -> JSONParseError? {
    let n = p.count
    var i = 0
    skipWhitespace(p, &i)
    guard i < n, let base = p.baseAddress else { return JSONParseError(code: .empty, offset: i) }
    let raw = UnsafeRawPointer(base)

    valueLoop: while true {
      guard i < n else { return JSONParseError(code: .unexpectedEnd, offset: n) }
      let c = p[i]
      switch c {
      case 0x7B, 0x5B:  // { [
        let isObject = c == 0x7B
        guard stack.count < maxDepth else { return JSONParseError(code: .tooDeep, offset: i) }
        let index = nodes.count
        nodes.append(
          JSONNode(
            start: i, end: i + 1, next: index + 1, count: 0,
            tag: isObject ? Tag.object : Tag.array, flags: 0))
        i += 1
        skipWhitespace(p, &i)
        if i < n && p[i] == (isObject ? 0x7D : 0x5D) {
          i += 1
          nodes[index].end = i
        } else {
          stack.append(Frame(node: index, count: 1, isObject: isObject))
          if isObject, let error = scanKey(p, raw, &i, &nodes) { return error }
          continue valueLoop
        }
      case 0x22:
        if let error = scanString(p, raw, &i, &nodes) { return error }
      case 0x2D, 0x30...0x39:
        if let error = scanNumber(p, &i, &nodes) { return error }
      case 0x74:
        if let error = scanLiteral(p, raw, &i, &nodes, tag: Tag.true) { return error }
      case 0x66:
        if let error = scanLiteral(p, raw, &i, &nodes, tag: Tag.false) { return error }
      case 0x6E:
        if let error = scanLiteral(p, raw, &i, &nodes, tag: Tag.null) { return error }
      default:
        return JSONParseError(code: .unexpectedByte(c), offset: i)
      }

      // A value just ended: close containers until one wants another value.
      while true {
        skipWhitespace(p, &i)
        let depth = stack.count
        guard depth > 0 else { break valueLoop }
        guard i < n else { return JSONParseError(code: .unexpectedEnd, offset: n) }
        let top = stack[depth - 1]
        let c = p[i]
        if c == 0x2C {
          i += 1
          stack[depth - 1].count += 1
          skipWhitespace(p, &i)
          if top.isObject, let error = scanKey(p, raw, &i, &nodes) { return error }
          continue valueLoop
        }
        guard c == (top.isObject ? 0x7D : 0x5D) else {
          return JSONParseError(code: .unexpectedByte(c), offset: i)
        }
        i += 1
        nodes[top.node].end = i
        nodes[top.node].next = nodes.count
        nodes[top.node].count = UInt32(clamping: top.count)
        stack.removeLast()
      }
    }
    return i < n ? JSONParseError(code: .trailingContent, offset: i) : nil
  }

  @inline(__always)
  private static func skipWhitespace(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
    while i < p.count {
      let c = p[i]
      guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
      i += 1
    }
  }

  /// An object key (a string), the colon, and the whitespace up to the member's value.
  @inline(__always)
  private static func scanKey(
    _ p: UnsafeBufferPointer<UInt8>, _ raw: UnsafeRawPointer, _ i: inout Int,
    _ nodes: inout [JSONNode]
  ) -> JSONParseError? {
    guard i < p.count else { return JSONParseError(code: .unexpectedEnd, offset: i) }
    guard p[i] == quote else { return JSONParseError(code: .unexpectedByte(p[i]), offset: i) }
    if let error = scanString(p, raw, &i, &nodes) { return error }
    skipWhitespace(p, &i)
    guard i < p.count else { return JSONParseError(code: .unexpectedEnd, offset: i) }
    guard p[i] == 0x3A else { return JSONParseError(code: .unexpectedByte(p[i]), offset: i) }
    i += 1
    skipWhitespace(p, &i)
    return nil
  }

  /// Nonzero high bits mark bytes that are `"`, `\` or below 0x20 (the lowest one is exact).
  @inline(__always)
  private static func specialBytes(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let quotes = word ^ (ones &* 0x22)
    let slashes = word ^ (ones &* 0x5C)
    let q = (quotes &- ones) & ~quotes
    let s = (slashes &- ones) & ~slashes
    let control = (word &- ones &* 0x20) & ~word
    return (q | s | control) & 0x8080_8080_8080_8080
  }

  /// A string starting at the quote at `i`; on return `i` is past the closing quote.
  @inline(__always)
  private static func scanString(
    _ p: UnsafeBufferPointer<UInt8>, _ raw: UnsafeRawPointer, _ i: inout Int,
    _ nodes: inout [JSONNode]
  ) -> JSONParseError? {
    let n = p.count
    let start = i
    var j = i + 1
    var flags: UInt8 = 0
    while true {
      while j &+ 8 <= n {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: j, as: UInt64.self))
        let special = specialBytes(word)
        if special != 0 {
          j += special.trailingZeroBitCount &>> 3
          break
        }
        j += 8
      }
      guard j < n else { return JSONParseError(code: .unexpectedEnd, offset: n) }
      let c = p[j]
      if c == quote { break }
      if c == backslash {
        flags = Flags.escaped
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
        j += 1
      }
    }
    nodes.append(
      JSONNode(
        start: start, end: j + 1, next: nodes.count + 1, count: 0, tag: Tag.string, flags: flags))
    i = j + 1
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
    _ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ nodes: inout [JSONNode]
  ) -> JSONParseError? {
    let n = p.count
    let start = i
    var j = i
    var flags = Flags.integer
    if p[j] == 0x2D { j += 1 }
    guard j < n else { return JSONParseError(code: .unexpectedEnd, offset: n) }
    if p[j] == 0x30 {
      j += 1
      if j < n && isDigit(p[j]) { return JSONParseError(code: .invalidNumber, offset: j) }
    } else if isDigit(p[j]) {
      j += 1
      while j < n && isDigit(p[j]) { j += 1 }
    } else {
      return JSONParseError(code: .invalidNumber, offset: j)
    }
    if j < n && p[j] == 0x2E {
      flags = 0
      j += 1
      guard j < n else { return JSONParseError(code: .unexpectedEnd, offset: n) }
      guard isDigit(p[j]) else { return JSONParseError(code: .invalidNumber, offset: j) }
      while j < n && isDigit(p[j]) { j += 1 }
    }
    if j < n && (p[j] == 0x65 || p[j] == 0x45) {
      flags = 0
      j += 1
      if j < n && (p[j] == 0x2B || p[j] == 0x2D) { j += 1 }
      guard j < n else { return JSONParseError(code: .unexpectedEnd, offset: n) }
      guard isDigit(p[j]) else { return JSONParseError(code: .invalidNumber, offset: j) }
      while j < n && isDigit(p[j]) { j += 1 }
    }
    nodes.append(
      JSONNode(start: start, end: j, next: nodes.count + 1, count: 0, tag: Tag.number, flags: flags)
    )
    i = j
    return nil
  }

  /// `true`, `false` or `null` starting at `i`.
  @inline(__always)
  private static func scanLiteral(
    _ p: UnsafeBufferPointer<UInt8>, _ raw: UnsafeRawPointer, _ i: inout Int,
    _ nodes: inout [JSONNode], tag: UInt8
  ) -> JSONParseError? {
    let text: StaticString =
      switch tag {
      case Tag.true: "true"
      case Tag.false: "false"
      default: "null"
      }
    let length = text.utf8CodeUnitCount
    let n = p.count
    for k in 0..<length {
      guard i + k < n else { return JSONParseError(code: .unexpectedEnd, offset: n) }
      let expected = text.utf8Start[k]
      guard p[i + k] == expected else {
        return JSONParseError(code: .unexpectedByte(p[i + k]), offset: i + k)
      }
    }
    nodes.append(
      JSONNode(start: i, end: i + length, next: nodes.count + 1, count: 0, tag: tag, flags: 0))
    i += length
    return nil
  }
}
