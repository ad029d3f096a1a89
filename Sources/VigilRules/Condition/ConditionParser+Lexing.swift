extension ConditionParser {
  /// Reads `name(.name)*` (letters, digits, `_`, and dots between them); nil when none is here.
  mutating func readName() -> String? {
    let start = index
    guard index < bytes.count, isNameStart(bytes[index]) else { return nil }
    while index < bytes.count {
      let byte = bytes[index]
      if isNameByte(byte) {
        index += 1
      } else if byte == UInt8(ascii: "."), index + 1 < bytes.count, isNameByte(bytes[index + 1]) {
        index += 1
      } else {
        break
      }
    }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  /// Reads an operator symbol or word.
  mutating func readOperator() -> ComparisonOperator? {
    guard index < bytes.count else { return nil }
    for symbol in ["==", "!=", "<=", ">=", "=", "<", ">"] where hasPrefix(symbol) {
      index += symbol.utf8.count
      return ComparisonOperator(rawValue: symbol)
    }
    for op in ComparisonOperator.words where hasPrefix(op.rawValue) {
      let end = index + op.rawValue.utf8.count
      if end < bytes.count, isNameByte(bytes[end]) || bytes[end] == UInt8(ascii: ".") { continue }
      index = end
      return op
    }
    return nil
  }

  /// Reads a quoted string starting at the quote, resolving escapes.
  mutating func readQuoted() throws(ConditionSyntaxError) -> String {
    let start = index
    let quote = bytes[index]
    index += 1
    var out: [UInt8] = []
    while index < bytes.count {
      let byte = bytes[index]
      if byte == quote {
        index += 1
        return String(decoding: out, as: UTF8.self)
      }
      if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
        let next = bytes[index + 1]
        switch next {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): out.append(next)
        default: out += [byte, next]
        }
        index += 2
        continue
      }
      out.append(byte)
      index += 1
    }
    index = start
    throw error("unterminated quoted string")
  }

  /// Consumes a keyword (`and`, `or`, `not`) when it stands alone here.
  mutating func acceptKeyword(_ word: String) -> Bool {
    skipSpaces()
    guard hasPrefix(word) else { return false }
    let end = index + word.utf8.count
    if end < bytes.count, isNameByte(bytes[end]) || bytes[end] == UInt8(ascii: ".") { return false }
    index = end
    return true
  }

  /// Consumes one ASCII character when it is next.
  mutating func accept(_ character: Unicode.Scalar) -> Bool {
    guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
    index += 1
    return true
  }

  mutating func skipSpaces() {
    while index < bytes.count, isSpace(bytes[index]) { index += 1 }
  }

  /// The next non-space byte, without consuming anything.
  func peekAfterSpaces() -> UInt8? {
    var i = index
    while i < bytes.count, isSpace(bytes[i]) { i += 1 }
    return i < bytes.count ? bytes[i] : nil
  }

  func hasPrefix(_ text: String) -> Bool {
    let utf8 = Array(text.utf8)
    guard index + utf8.count <= bytes.count else { return false }
    for (k, byte) in utf8.enumerated() where bytes[index + k] != byte { return false }
    return true
  }

  /// The next token as text, for messages.
  func tokenPreview() -> String {
    guard index < bytes.count else { return "end of condition" }
    var end = index + 1
    while end < bytes.count, end - index < 24, !isSpace(bytes[end]) { end += 1 }
    return String(decoding: bytes[index..<end], as: UTF8.self)
  }

  func location(of byteOffset: Int) -> SourceLocation {
    source.location(ofOffset: scalarOffsets[min(byteOffset, scalarOffsets.count - 1)])
  }

  /// A syntax error at the current position.
  func error(_ message: String) -> ConditionSyntaxError {
    ConditionSyntaxError(message: message, location: location(of: index))
  }

  func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x08 || byte == 0x0C
  }

  func isNameStart(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
  }

  func isNameByte(_ byte: UInt8) -> Bool {
    isNameStart(byte) || (byte >= 0x30 && byte <= 0x39)
  }

  /// Bytes allowed in a bare string (libsinsp: anything but space, parens, quotes, `=` and `,`).
  func isBare(_ byte: UInt8) -> Bool {
    !isSpace(byte) && byte != UInt8(ascii: "(") && byte != UInt8(ascii: ")")
      && byte != UInt8(ascii: ",") && byte != UInt8(ascii: "=") && byte != UInt8(ascii: "\"")
      && byte != UInt8(ascii: "'")
  }
}
