/// Standard base64 (RFC 4648 §4, with `=` padding), for binary fields inside JSON records in
/// targets that do not import Foundation.
public enum Base64 {
  static let alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  /// `bytes` as base64 text.
  public static func encode(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index + 3 <= bytes.count {
      let word =
        UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
      for shift in [18, 12, 6, 0] { out.append(alphabet[Int(word >> UInt32(shift) & 63)]) }
      index += 3
    }
    let rest = bytes.count - index
    if rest > 0 {
      var word = UInt32(bytes[index]) << 16
      if rest == 2 { word |= UInt32(bytes[index + 1]) << 8 }
      out.append(alphabet[Int(word >> 18 & 63)])
      out.append(alphabet[Int(word >> 12 & 63)])
      out.append(rest == 2 ? alphabet[Int(word >> 6 & 63)] : UInt8(ascii: "="))
      out.append(UInt8(ascii: "="))
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The bytes of base64 `text`; nil when it is not valid padded base64.
  public static func decode(_ text: String) -> [UInt8]? {
    let characters = Array(text.utf8)
    guard characters.count % 4 == 0 else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(characters.count / 4 * 3)
    var index = 0
    while index < characters.count {
      let last = index + 4 == characters.count
      var word: UInt32 = 0
      var padding = 0
      for offset in 0..<4 {
        let character = characters[index + offset]
        if character == UInt8(ascii: "=") {
          // Padding only at the end, in the last one or two places.
          guard last, offset >= 2 else { return nil }
          padding += 1
          word <<= 6
          continue
        }
        guard padding == 0, let value = sextet(character) else { return nil }
        word = word << 6 | UInt32(value)
      }
      out.append(UInt8(word >> 16 & 0xFF))
      if padding < 2 { out.append(UInt8(word >> 8 & 0xFF)) }
      if padding < 1 { out.append(UInt8(word & 0xFF)) }
      index += 4
    }
    return out
  }

  static func sextet(_ character: UInt8) -> UInt8? {
    switch character {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
    case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a") + 26
    case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0") + 52
    case UInt8(ascii: "+"): 62
    case UInt8(ascii: "/"): 63
    default: nil
    }
  }
}
