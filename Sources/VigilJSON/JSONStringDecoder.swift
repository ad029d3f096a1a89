/// Resolves the escapes of a validated JSON string's content into UTF-8.
enum JSONStringDecoder {
  /// The UTF-8 of the content (between the quotes) with escapes resolved; lone surrogates
  /// become U+FFFD.
  static func decode(_ s: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    // Escapes never lengthen the text (`\uXXXX` is 6 bytes for at most 3, a pair 12 for 4), so
    // the content's length is enough; the writer checks its room anyway.
    [UInt8](unsafeUninitializedCapacity: s.count + 4) { out, count in
      count = decode(s, into: out)
    }
  }

  /// The content decoded straight into a `String` (invalid UTF-8 repaired), with no array between.
  static func decodeString(_ s: UnsafeBufferPointer<UInt8>) -> String {
    String(unsafeUninitializedCapacity: s.count + 4) { out in decode(s, into: out) }
  }

  /// Writes the decoded content into `out`; returns the bytes written (stops when `out` is full).
  static func decode(_ s: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>)
    -> Int
  {
    var o = 0
    @inline(__always) func put(_ byte: UInt8) {
      if o < out.count {
        out[o] = byte
        o &+= 1
      }
    }
    var i = 0
    let n = s.count
    while i < n {
      // Copy the run up to the next backslash in one go.
      var j = i
      while j < n && s[j] != 0x5C { j &+= 1 }
      if j > i {
        let run = min(j &- i, out.count &- o)
        if run > 0, let from = s.baseAddress, let to = out.baseAddress {
          (to + o).update(from: from + i, count: run)
          o &+= run
        }
        i = j
        continue
      }
      guard i + 1 < n else {
        put(0x5C)
        i += 1
        continue
      }
      let e = s[i + 1]
      i += 2
      switch e {
      case 0x62: put(0x08)
      case 0x66: put(0x0C)
      case 0x6E: put(0x0A)
      case 0x72: put(0x0D)
      case 0x74: put(0x09)
      case 0x75:
        guard let unit = hex4(s, i) else {
          put(0xEF)
          put(0xBF)
          put(0xBD)
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
        UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { put($0) }
      default: put(e)  // " \ /
      }
    }
    return o
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
