/// Resolves the escapes of a validated JSON string's content into UTF-8.
enum JSONStringDecoder {
  /// The UTF-8 of the content (between the quotes) with escapes resolved; lone surrogates
  /// become U+FFFD.
  static func decode(_ s: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(s.count)
    var i = 0
    let n = s.count
    while i < n {
      let c = s[i]
      guard c == 0x5C, i + 1 < n else {
        out.append(c)
        i += 1
        continue
      }
      let e = s[i + 1]
      i += 2
      switch e {
      case 0x62: out.append(0x08)
      case 0x66: out.append(0x0C)
      case 0x6E: out.append(0x0A)
      case 0x72: out.append(0x0D)
      case 0x74: out.append(0x09)
      case 0x75:
        guard let unit = hex4(s, i) else {
          out.append(contentsOf: [0xEF, 0xBF, 0xBD])
          continue
        }
        i += 4
        var scalar = unit
        if unit >= 0xD800 && unit < 0xDC00, i + 1 < n, s[i] == 0x5C, s[i + 1] == 0x75,
          let low = hex4(s, i + 2), low >= 0xDC00 && low < 0xE000
        {
          scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
          i += 6
        }
        appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &out)
      default: out.append(e)  // " \ /
      }
    }
    return out
  }

  private static func hex4(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32? {
    guard i + 4 <= s.count else { return nil }
    var value: UInt32 = 0
    for k in i..<(i + 4) {
      guard let digit = JSONScanner.hexValue(s[k]) else { return nil }
      value = value << 4 | digit
    }
    return value
  }

  static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
    UTF8.encode(scalar) { out.append($0) }
  }
}
