/// Reading keys and strings as UTF-8 bytes without allocating (for hot decode loops).
extension JSONValue {
  /// Calls `body` with each object member's key as UTF-8 (escapes resolved; the buffer is valid
  /// only during the call) and its value, in order, duplicates included; nothing for other kinds.
  public func forEachMemberUTF8(
    _ body: (UnsafeBufferPointer<UInt8>, JSONValue) throws -> Void
  ) rethrows {
    let storage = self.storage
    try forEachMemberPosition { key, position in
      try body(key, JSONValue(storage: storage, index: position))
    }
  }

  /// Calls `body` with each object member's key as UTF-8 (escapes resolved; valid only during
  /// the call) and the position of its value in the document (always > 0, for
  /// `value(atPosition:)`); no values are created, so hot decode loops avoid reference counting.
  public func forEachMemberPosition(
    _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void
  ) rethrows {
    let storage = self.storage
    try storage.nodes.withUnsafeBufferPointer { nodes in
      try storage.bytes.withUnsafeBufferPointer { b in
        guard nodes[index].tag == JSONNode.Tag.object else { return }
        let end = nodes[index].next
        var k = index + 1
        while k + 1 < end {
          let key = nodes[k]
          let content = UnsafeBufferPointer(rebasing: b[(key.start + 1)..<(key.end - 1)])
          if key.flags & JSONNode.Flags.escaped == 0 {
            try body(content, k + 1)
          } else {
            try JSONStringDecoder.decode(content).withUnsafeBufferPointer { try body($0, k + 1) }
          }
          k = nodes[k + 1].next
        }
      }
    }
  }

  /// The value at `position` (from `forEachMemberPosition` on a value of the same document);
  /// nil when `position` is not above 0 or past the document's values.
  public func value(atPosition position: Int) -> JSONValue? {
    guard position > 0, position < storage.nodes.count else { return nil }
    return JSONValue(storage: storage, index: position)
  }

  /// Calls `body` with the string's UTF-8 (escapes resolved; no allocation unless it has any; the
  /// buffer is valid only during the call); nil without calling it unless `kind == .string`.
  public func withStringUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
    let node = self.node
    guard node.tag == JSONNode.Tag.string else { return nil }
    return try storage.bytes.withUnsafeBufferPointer { b in
      let content = UnsafeBufferPointer(rebasing: b[(node.start + 1)..<(node.end - 1)])
      if node.flags & JSONNode.Flags.escaped == 0 { return try body(content) }
      return try JSONStringDecoder.decode(content).withUnsafeBufferPointer { try body($0) }
    }
  }
}
