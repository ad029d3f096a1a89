/// Why a netlink message in a receive buffer could not be read, and where.
public struct ConntrackDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Code: String, Sendable, Hashable, CaseIterable {
    /// Fewer than 16 bytes left where a message header should start; the rest is dropped.
    case truncatedHeader
    /// `nlmsg_len` is below the header size or runs past the buffer; the rest is dropped.
    case badMessageLength
    /// A conntrack message too short for its `nfgenmsg` header.
    case truncatedPayload
    /// An attribute's `nla_len` is below 4 or runs past its enclosing message or attribute.
    case badAttributeLength
    /// A fixed-size attribute (port, address, counter…) has the wrong payload size.
    case badAttributeSize
    /// The message has no original tuple, or a tuple lacks its protocol or addresses.
    case missingTuple
    /// An `NLMSG_ERROR` message too short for its error code.
    case truncatedError
  }

  /// What went wrong.
  public var code: Code
  /// Byte offset in the buffer where the problem is.
  public var offset: Int
  /// Byte offset in the buffer of the message it belongs to.
  public var messageOffset: Int

  /// Creates an error.
  public init(_ code: Code, at offset: Int, message messageOffset: Int) {
    self.code = code
    self.offset = offset
    self.messageOffset = messageOffset
  }

  /// `code at offset N (message at M): explanation`.
  public var description: String {
    let text =
      switch code {
      case .truncatedHeader: "fewer bytes left than a netlink header"
      case .badMessageLength: "nlmsg_len is too small or runs past the buffer"
      case .truncatedPayload: "conntrack message shorter than its nfgenmsg header"
      case .badAttributeLength: "attribute length too small or past its container"
      case .badAttributeSize: "fixed-size attribute has the wrong size"
      case .missingTuple: "no original tuple, or a tuple without protocol or addresses"
      case .truncatedError: "NLMSG_ERROR shorter than its error code"
      }
    return "\(code.rawValue) at offset \(offset) (message at \(messageOffset)): \(text)"
  }
}
