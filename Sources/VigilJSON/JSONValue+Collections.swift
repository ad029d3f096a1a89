/// Iterating arrays and objects.
extension JSONValue {
  /// Array elements in order (`[]` otherwise).
  public var elements: [JSONValue] {
    guard node.tag == JSONNode.Tag.array else { return [] }
    var out: [JSONValue] = []
    out.reserveCapacity(count)
    forEachChild { out.append(JSONValue(storage: storage, index: $0)) }
    return out
  }

  /// Object members in order, duplicates included (`[]` otherwise).
  public var members: [(key: String, value: JSONValue)] {
    var out: [(key: String, value: JSONValue)] = []
    out.reserveCapacity(count)
    forEachMember { out.append((key: $0, value: $1)) }
    return out
  }

  /// Object keys in order, duplicates included (`[]` otherwise).
  public var keys: [String] {
    var out: [String] = []
    out.reserveCapacity(count)
    forEachMember { key, _ in out.append(key) }
    return out
  }

  /// Calls `body` with each array element in order; nothing for other kinds.
  public func forEachElement(_ body: (JSONValue) throws -> Void) rethrows {
    guard node.tag == JSONNode.Tag.array else { return }
    try forEachChild { try body(JSONValue(storage: storage, index: $0)) }
  }

  /// Calls `body` with the position of each array element in order (for `string(atPosition:)`
  /// and `value(atPosition:)`); no values are made. Nothing for other kinds.
  public func forEachElementPosition(_ body: (Int) throws -> Void) rethrows {
    guard node.tag == JSONNode.Tag.array else { return }
    try forEachChild(body)
  }

  /// Calls `body` with each object member's key and value in order; nothing for other kinds.
  public func forEachMember(_ body: (String, JSONValue) throws -> Void) rethrows {
    let nodes = storage.nodes
    guard nodes[index].tag == JSONNode.Tag.object else { return }
    let end = nodes[index].next
    var k = index + 1
    while k + 1 < end {
      let key = JSONValue(storage: storage, index: k).string ?? ""
      try body(key, JSONValue(storage: storage, index: k + 1))
      k = nodes[k + 1].next
    }
  }
}
