/// Builds JSON text (for redacted copies, normalized events, test fixtures) with correct escaping.
public enum JSONText {
  /// `s` as a JSON string literal: quotes, `\"`, `\\`, `\b \f \n \r \t`, other controls as `\u00xx`.
  public static func quoted(_ s: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count + 2)
    appendQuoted(s, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends `s` as a JSON string literal to `out`.
  public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
    var s = s
    s.withUTF8 { bytes in
      out.append(0x22)
      let n = bytes.count
      // Runs of bytes that need no escape are found eight bytes at a time and copied at once.
      var runStart = 0
      var i = 0
      if let base = bytes.baseAddress {
        let raw = UnsafeRawPointer(base)
        while i < n {
          while i &+ 8 <= n {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let special = JSONScanner.specialBytes(word)
            if special != 0 {
              i &+= special.trailingZeroBitCount &>> 3
              break
            }
            i &+= 8
          }
          guard i < n else { break }
          let c = bytes[i]
          if c < 0x20 || c == 0x22 || c == 0x5C {
            if runStart < i {
              out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
            }
            appendEscape(c, to: &out)
            runStart = i &+ 1
          }
          i &+= 1
        }
      }
      if runStart < n {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<n]))
      }
      out.append(0x22)
    }
  }

  /// Appends the escape for `c`, a quote, a backslash or a control character.
  private static func appendEscape(_ c: UInt8, to out: inout [UInt8]) {
    out.append(0x5C)
    switch c {
    case 0x22: out.append(0x22)
    case 0x5C: out.append(0x5C)
    case 0x08: out.append(0x62)
    case 0x0C: out.append(0x66)
    case 0x0A: out.append(0x6E)
    case 0x0D: out.append(0x72)
    case 0x09: out.append(0x74)
    default:
      let hex: StaticString = "0123456789abcdef"
      out.append(0x75)
      out.append(0x30)
      out.append(0x30)
      out.append(hex.utf8Start[Int(c >> 4)])
      out.append(hex.utf8Start[Int(c & 0xF)])
    }
  }
}
