/// Why a JSON text was rejected, and the byte offset where parsing stopped.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong.
  public enum Code: Sendable, Equatable {
    /// The input is empty or only whitespace.
    case empty
    /// The input ended inside a value.
    case unexpectedEnd
    /// A byte that cannot start or continue a value here.
    case unexpectedByte(UInt8)
    /// A number that breaks RFC 8259's grammar (leading zero, missing digits).
    case invalidNumber
    /// A backslash followed by something other than `" \ / b f n r t u`.
    case invalidEscape
    /// `\u` not followed by four hexadecimal digits.
    case invalidUnicodeEscape
    /// A raw byte below 0x20 inside a string.
    case controlCharacterInString
    /// Something other than whitespace after the top-level value.
    case trailingContent
    /// Arrays and objects nested deeper than `JSONIndexer.maxDepth`.
    case tooDeep
    /// `JSONDocument.replacing(_:)` got ranges that overlap or fall outside the document.
    case invalidReplacementRange
  }

  /// What went wrong.
  public var code: Code
  /// The byte offset where it went wrong.
  public var offset: Int

  /// Creates an error with a code and the byte offset where it happened.
  public init(code: Code, offset: Int) {
    self.code = code
    self.offset = offset
  }

  /// A one-line human-readable explanation, e.g. `unexpected byte 'x' at offset 12`.
  public var description: String {
    let what: String
    switch code {
    case .empty: what = "empty input"
    case .unexpectedEnd: what = "unexpected end of input"
    case .unexpectedByte(let byte): what = "unexpected byte \(Self.show(byte))"
    case .invalidNumber: what = "invalid number"
    case .invalidEscape: what = "invalid escape sequence"
    case .invalidUnicodeEscape: what = "invalid \\u escape"
    case .controlCharacterInString: what = "unescaped control character in string"
    case .trailingContent: what = "trailing content after the JSON value"
    case .tooDeep: what = "nesting too deep"
    case .invalidReplacementRange: what = "overlapping or out-of-bounds replacement range"
    }
    return "\(what) at offset \(offset)"
  }

  /// Printable ASCII as `'x'`, anything else as `0x1F`.
  static func show(_ byte: UInt8) -> String {
    if byte >= 0x20 && byte < 0x7F && byte != 0x27 {
      return "'\(Character(Unicode.Scalar(byte)))'"
    }
    let hex = String(byte, radix: 16, uppercase: true)
    return byte < 0x10 ? "0x0\(hex)" : "0x\(hex)"
  }
}
