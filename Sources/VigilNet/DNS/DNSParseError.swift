/// Why a DNS message could not be parsed, and at which byte offset of the input.
public struct DNSParseError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Code: String, Sendable, Hashable, CaseIterable {
    /// The message ended inside a field.
    case truncated
    /// A name is longer than 255 bytes on the wire.
    case nameTooLong
    /// A compression pointer points at or past its own position, or beyond the message.
    case badPointer
    /// A name follows more compression pointers than allowed.
    case tooManyPointers
    /// A label starts with the reserved type bits 01 or 10 (a length byte of 64 to 191).
    case reservedLabelType
    /// A record's RDLENGTH does not fit its type (A not 4, AAAA not 16, CNAME name overruns).
    case badRecordLength
    /// The TCP length prefix does not match the bytes given.
    case frameLengthMismatch
  }

  /// What went wrong.
  public var code: Code
  /// Byte offset into the input (for TCP input, counted from the start of the length prefix).
  public var offset: Int

  /// Creates an error.
  public init(_ code: Code, at offset: Int) {
    self.code = code
    self.offset = offset
  }

  /// `code at offset N: explanation`.
  public var description: String {
    let text =
      switch code {
      case .truncated: "message ends inside a field"
      case .nameTooLong: "name longer than 255 bytes"
      case .badPointer: "compression pointer does not point backwards inside the message"
      case .tooManyPointers: "name follows too many compression pointers"
      case .reservedLabelType: "label uses reserved type bits"
      case .badRecordLength: "RDLENGTH does not fit the record type"
      case .frameLengthMismatch: "TCP length prefix does not match the message size"
      }
    return "\(code.rawValue) at offset \(offset): \(text)"
  }
}
