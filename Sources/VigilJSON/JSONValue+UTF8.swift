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
    guard position > 0, position < storage.count else { return nil }
    return JSONValue(storage: storage, index: position)
  }

  /// The decoded string at `position` (from `forEachMemberPosition` on a value of the same
  /// document), without making a value for it; nil when it is not a string or out of range.
  public func string(atPosition position: Int) -> String? {
    guard position > 0 else { return nil }
    let storage = self.storage
    guard position < storage.count else { return nil }
    return storage.nodes.withUnsafeBufferPointer { nodes -> String? in
      guard position < nodes.count, nodes[position].tag == JSONNode.Tag.string else { return nil }
      let node = nodes[position]
      return storage.bytes.withUnsafeBufferPointer { b in
        let content = UnsafeBufferPointer(rebasing: b[(node.start + 1)..<(node.end - 1)])
        if node.flags & JSONNode.Flags.escaped == 0 {
          return String(decoding: content, as: UTF8.self)
        }
        return JSONStringDecoder.decodeString(content)
      }
    }
  }

  /// `withStringUTF8(_:)` for the value at `position` (as for `string(atPosition:)`), without
  /// making a value for it.
  @inlinable
  public func withStringUTF8<R>(
    atPosition position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R
  ) rethrows -> R? {
    var result: R?
    try withStringContent(atPosition: position) { result = try body($0) }
    return result
  }

  /// Calls `body` once with the UTF-8 of the string at `position` when there is one.
  @usableFromInline
  func withStringContent(
    atPosition position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
  ) rethrows {
    guard position > 0 else { return }
    let storage = self.storage
    guard position < storage.count else { return }
    try storage.nodes.withUnsafeBufferPointer { nodes in
      guard position < nodes.count, nodes[position].tag == JSONNode.Tag.string else { return }
      let node = nodes[position]
      try storage.bytes.withUnsafeBufferPointer { b in
        let content = UnsafeBufferPointer(rebasing: b[(node.start + 1)..<(node.end - 1)])
        if node.flags & JSONNode.Flags.escaped == 0 { return try body(content) }
        try JSONStringDecoder.decode(content).withUnsafeBufferPointer { try body($0) }
      }
    }
  }

  /// Calls `body` with the string's UTF-8 (escapes resolved; no allocation unless it has any; the
  /// buffer is valid only during the call); nil without calling it unless `kind == .string`.
  @inlinable
  public func withStringUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
    // The generic part stays in the caller's module (specialized there); the reading is one
    // non-generic call, so no generic metadata is looked up per string.
    var result: R?
    try withStringContent { result = try body($0) }
    return result
  }

  /// Calls `body` once with the string's UTF-8 (escapes resolved) when `kind == .string`.
  @usableFromInline
  func withStringContent(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
    let node = self.node
    guard node.tag == JSONNode.Tag.string else { return }
    try storage.bytes.withUnsafeBufferPointer { b in
      let content = UnsafeBufferPointer(rebasing: b[(node.start + 1)..<(node.end - 1)])
      if node.flags & JSONNode.Flags.escaped == 0 { return try body(content) }
      try JSONStringDecoder.decode(content).withUnsafeBufferPointer { try body($0) }
    }
  }
}
