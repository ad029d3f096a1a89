/// An RFC 6901 JSON Pointer (`/requestObject/spec/containers/0`), split and unescaped once so it
/// can be resolved against many documents (rules compile `jevt.value[/…]` into one).
public struct JSONPointer: Sendable, Hashable {
  /// One reference token: an object key, and its array index when it is a valid one.
  public struct Token: Sendable, Hashable {
    /// The unescaped key (`~1` → `/`, `~0` → `~`).
    public var key: String
    /// The key as an array index (`0` or `[1-9][0-9]*`), else nil.
    public var index: Int?
  }

  /// The tokens in order (empty for `""`, the whole document); nil when the pointer is malformed.
  public let tokens: [Token]?

  /// Parses a pointer; a malformed one (no leading `/`, a bad `~` escape) never resolves.
  public init(_ pointer: String) {
    guard !pointer.isEmpty else {
      tokens = []
      return
    }
    guard pointer.utf8.first == 0x2F else {
      tokens = nil
      return
    }
    var out: [Token] = []
    for raw in pointer.utf8.dropFirst().split(separator: 0x2F, omittingEmptySubsequences: false) {
      guard let key = Self.unescape(raw) else {
        tokens = nil
        return
      }
      out.append(Token(key: key, index: Self.arrayIndex(key)))
    }
    tokens = out
  }

  /// The value the pointer names under `root`; nil when absent or malformed.
  public func resolve(in root: JSONValue?) -> JSONValue? {
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
    guard raw.contains(0x7E) else { return String(Substring(raw)) }
    var out: [UInt8] = []
    var iterator = raw.makeIterator()
    while let c = iterator.next() {
      guard c == 0x7E else {
        out.append(c)
        continue
      }
      switch iterator.next() {
      case 0x30: out.append(0x7E)
      case 0x31: out.append(0x2F)
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
