/// RFC 6901 JSON Pointer lookup.
extension JSONValue {
  /// The value at an RFC 6901 JSON Pointer (`""` = self, `/a/b~1c/0`); nil if malformed/missing.
  public func value(atPointer pointer: String) -> JSONValue? {
    guard !pointer.isEmpty else { return self }
    guard pointer.utf8.first == 0x2F else { return nil }
    var current = self
    for raw in pointer.utf8.dropFirst().split(separator: 0x2F, omittingEmptySubsequences: false) {
      guard let token = Self.unescapePointerToken(raw) else { return nil }
      switch current.node.tag {
      case JSONNode.Tag.object:
        guard let next = current[token] else { return nil }
        current = next
      case JSONNode.Tag.array:
        guard let position = Self.arrayIndex(token), let next = current[position] else {
          return nil
        }
        current = next
      default:
        return nil
      }
    }
    return current
  }

  /// `~1` → `/`, `~0` → `~`; nil for any other `~` sequence.
  static func unescapePointerToken(_ raw: Substring.UTF8View) -> String? {
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
