/// Reading members and elements, directly or by path.
extension JSONValue {
  /// The object member named `key` (first match); nil if not an object or missing.
  public subscript(key: String) -> JSONValue? {
    var key = key
    guard let k = key.withUTF8({ memberIndex(utf8: $0) }) else { return nil }
    return JSONValue(storage: storage, index: k)
  }

  /// The array element at `index`; nil if out of range or not an array.
  public subscript(index: Int) -> JSONValue? {
    guard let k = elementIndex(index) else { return nil }
    return JSONValue(storage: storage, index: k)
  }

  /// Follows successive object keys; a key that parses as an Int also indexes arrays.
  public func value(atPath keys: [String]) -> JSONValue? {
    var current = self
    for key in keys {
      guard let next = current.child(key) else { return nil }
      current = next
    }
    return current
  }

  /// Follows successive object keys (variadic form of `value(atPath:)`).
  public func value(atPath keys: String...) -> JSONValue? {
    value(atPath: keys)
  }

  /// One step of a path: a member of an object, or an element of an array by decimal index.
  func child(_ key: String) -> JSONValue? {
    switch node.tag {
    case JSONNode.Tag.object: self[key]
    case JSONNode.Tag.array: Int(key).flatMap { self[$0] }
    default: nil
    }
  }

  /// Node index of the value of the first member whose key is the UTF-8 `q`.
  func memberIndex(utf8 q: UnsafeBufferPointer<UInt8>) -> Int? {
    let nodes = storage.nodes
    guard nodes[index].tag == JSONNode.Tag.object else { return nil }
    return storage.bytes.withUnsafeBufferPointer { b in
      nodes.withUnsafeBufferPointer { t -> Int? in
        let end = t[index].next
        var k = index + 1
        while k + 1 < end {
          if Self.stringNode(t[k], in: b, equals: q) { return k + 1 }
          k = t[k + 1].next
        }
        return nil
      }
    }
  }

  /// Node index of array element `position`.
  func elementIndex(_ position: Int) -> Int? {
    let nodes = storage.nodes
    guard nodes[index].tag == JSONNode.Tag.array, position >= 0 else { return nil }
    let end = nodes[index].next
    var k = index + 1
    var remaining = position
    while k < end {
      if remaining == 0 { return k }
      remaining -= 1
      k = nodes[k].next
    }
    return nil
  }
}
