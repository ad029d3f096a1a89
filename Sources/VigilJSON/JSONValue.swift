/// A cursor on one value of a document (document + node index). Cheap to copy.
public struct JSONValue: Sendable {
  let storage: JSONStorage
  let index: Int

  init(storage: JSONStorage, index: Int) {
    self.storage = storage
    self.index = index
  }

  var node: JSONNode { storage.nodes[index] }

  /// The kind of this value.
  public var kind: JSONKind {
    switch node.tag {
    case JSONNode.Tag.object: .object
    case JSONNode.Tag.array: .array
    case JSONNode.Tag.string: .string
    case JSONNode.Tag.number: .number
    case JSONNode.Tag.null: .null
    default: .bool
    }
  }

  /// The decoded string (all escapes, surrogate pairs); nil unless `kind == .string`.
  public var string: String? {
    let node = self.node
    guard node.tag == JSONNode.Tag.string else { return nil }
    return storage.bytes.withUnsafeBufferPointer { b in
      let content = UnsafeBufferPointer(rebasing: b[(node.start + 1)..<(node.end - 1)])
      if node.flags & JSONNode.Flags.escaped == 0 {
        return String(decoding: content, as: UTF8.self)
      }
      return JSONStringDecoder.decodeString(content)
    }
  }

  /// The value of an integer literal (no fraction or exponent) that fits in `Int64`, else nil.
  public var int: Int64? {
    let node = self.node
    guard node.tag == JSONNode.Tag.number, node.flags & JSONNode.Flags.integer != 0 else {
      return nil
    }
    return storage.bytes.withUnsafeBufferPointer { b -> Int64? in
      var i = node.start
      let negative = b[i] == 0x2D
      if negative { i += 1 }
      var value: Int64 = 0
      while i < node.end {
        let digit = Int64(b[i] &- 0x30)
        let (times10, o1) = value.multipliedReportingOverflow(by: 10)
        let (next, o2) =
          negative
          ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
        if o1 || o2 { return nil }
        value = next
        i += 1
      }
      return value
    }
  }

  /// The number as a `Double` (nearest; ±infinity beyond its range); nil unless `kind == .number`.
  public var double: Double? {
    let node = self.node
    guard node.tag == JSONNode.Tag.number else { return nil }
    if node.flags & JSONNode.Flags.integer != 0, node.end - node.start <= 16, let int {
      return Double(int)
    }
    return Double(rawText)
  }

  /// `true` or `false`; nil unless `kind == .bool`.
  public var bool: Bool? {
    switch node.tag {
    case JSONNode.Tag.true: true
    case JSONNode.Tag.false: false
    default: nil
    }
  }

  /// Whether this value is `null`.
  public var isNull: Bool { node.tag == JSONNode.Tag.null }

  /// Members of an object, elements of an array, else 0.
  public var count: Int {
    let node = self.node
    guard node.tag <= JSONNode.Tag.array else { return 0 }
    if node.count < UInt32.max { return Int(node.count) }
    var n = 0
    forEachChild { _ in n += 1 }
    return node.tag == JSONNode.Tag.object ? n / 2 : n
  }

  /// The exact source range of this value in `document.bytes`.
  public var byteRange: Range<Int> {
    let node = self.node
    return node.start..<node.end
  }

  /// The value's exact source text.
  public var rawText: String {
    let node = self.node
    return String(decoding: storage.bytes[node.start..<node.end], as: UTF8.self)
  }

  /// The value's exact source bytes.
  public var rawBytes: ArraySlice<UInt8> {
    let node = self.node
    return storage.bytes[node.start..<node.end]
  }

  /// Whether this is a string equal to `other` (code point by code point); no allocation unless
  /// the source string has escapes.
  public func stringEquals(_ other: String) -> Bool {
    guard node.tag == JSONNode.Tag.string else { return false }
    var other = other
    return other.withUTF8 { q in stringNode(index, equals: q) }
  }

  /// Whether the string node at `k` decodes to exactly the UTF-8 bytes `q`.
  func stringNode(_ k: Int, equals q: UnsafeBufferPointer<UInt8>) -> Bool {
    let node = storage.nodes[k]
    return storage.bytes.withUnsafeBufferPointer { b in
      Self.stringNode(node, in: b, equals: q)
    }
  }

  @inline(__always)
  static func stringNode(
    _ node: JSONNode, in b: UnsafeBufferPointer<UInt8>, equals q: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    let start = node.start + 1
    let length = node.end - 1 - start
    if node.flags & JSONNode.Flags.escaped == 0 {
      guard length == q.count else { return false }
      var i = 0
      while i < length {
        if b[start + i] != q[i] { return false }
        i += 1
      }
      return true
    }
    guard length >= q.count else { return false }  // escapes only ever shrink the text
    let content = UnsafeBufferPointer(rebasing: b[start..<(start + length)])
    return JSONStringDecoder.decode(content).elementsEqual(q)
  }

  /// Calls `body` with the node index of each direct child (keys and values for objects).
  func forEachChild(_ body: (Int) throws -> Void) rethrows {
    let nodes = storage.nodes
    let end = nodes[index].next
    var k = index + 1
    while k < end {
      try body(k)
      k = nodes[k].next
    }
  }
}
