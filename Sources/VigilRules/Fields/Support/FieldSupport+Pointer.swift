import VigilJSON

/// RFC 6901 JSON pointers split once, when a rule is compiled, instead of on every event.
extension FieldSupport {
  /// A parsed pointer: `/requestObject/spec/containers/0` → its unescaped reference tokens.
  struct JSONPointer: Sendable {
    /// One reference token: an object key, and its array index when it is a valid one.
    struct Token: Sendable {
      var key: String
      var index: Int?
    }

    /// The tokens in order; nil when the pointer is malformed (it never resolves).
    let tokens: [Token]?

    /// Parses a pointer with the rules of `JSONValue.value(atPointer:)`.
    init(_ pointer: String) {
      guard !pointer.isEmpty else {
        tokens = []
        return
      }
      guard pointer.utf8.first == UInt8(ascii: "/") else {
        tokens = nil
        return
      }
      var out: [Token] = []
      for raw in pointer.utf8.dropFirst().split(
        separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
      {
        guard let key = Self.unescape(raw) else {
          tokens = nil
          return
        }
        out.append(Token(key: key, index: Self.arrayIndex(key)))
      }
      tokens = out
    }

    /// The value the pointer names under `root`; nil when absent or malformed.
    func resolve(in root: JSONValue?) -> JSONValue? {
      guard var current = root, let tokens else { return nil }
      for token in tokens {
        switch current.kind {
        case .object:
          guard let next = current[token.key] else { return nil }
          current = next
        case .array:
          guard let index = token.index, let next = current[index] else { return nil }
          current = next
        default:
          return nil
        }
      }
      return current
    }

    /// `~1` → `/`, `~0` → `~`; nil for any other `~` sequence.
    static func unescape(_ raw: Substring.UTF8View) -> String? {
      guard raw.contains(UInt8(ascii: "~")) else { return String(Substring(raw)) }
      var out: [UInt8] = []
      var iterator = raw.makeIterator()
      while let c = iterator.next() {
        guard c == UInt8(ascii: "~") else {
          out.append(c)
          continue
        }
        switch iterator.next() {
        case UInt8(ascii: "0"): out.append(UInt8(ascii: "~"))
        case UInt8(ascii: "1"): out.append(UInt8(ascii: "/"))
        default: return nil
        }
      }
      return String(decoding: out, as: UTF8.self)
    }

    /// `0` or `[1-9][0-9]*`, as RFC 6901 requires for array indexes.
    static func arrayIndex(_ token: String) -> Int? {
      let utf8 = token.utf8
      guard let first = utf8.first, first &- 0x30 < 10, first != 0x30 || utf8.count == 1 else {
        return nil
      }
      guard utf8.allSatisfy({ $0 &- 0x30 < 10 }) else { return nil }
      return Int(token)
    }
  }
}
