/// One entry of a document's index ("tape"): values in document order, object keys as string
/// nodes immediately before their values.
struct JSONNode: Sendable {
  /// Offset of the value's first byte (the quote of a string, the bracket of a container).
  var start: Int
  /// Offset one past the value's last byte.
  var end: Int
  /// Index of the node after this value's subtree (the next sibling, or the parent's end).
  var next: Int
  /// Members of an object, elements of an array (saturating), else 0.
  var count: UInt32
  /// A `Tag` raw value.
  var tag: UInt8
  /// `Flags` bits.
  var flags: UInt8

  /// Node kinds as stored on the tape.
  enum Tag {
    static let object: UInt8 = 0
    static let array: UInt8 = 1
    static let string: UInt8 = 2
    static let number: UInt8 = 3
    static let `true`: UInt8 = 4
    static let `false`: UInt8 = 5
    static let null: UInt8 = 6
  }

  /// Per-node facts found while scanning.
  enum Flags {
    /// A string that contains at least one backslash escape.
    static let escaped: UInt8 = 1
    /// A number without fraction or exponent.
    static let integer: UInt8 = 2
  }
}

/// The immutable bytes and index shared by a document and all its values.
///
/// `nodes` may be longer than the index (`count` entries are valid): the indexer reuses the
/// index buffer of a document that nothing references any more, and such a buffer is kept at
/// its full length.
final class JSONStorage: Sendable {
  /// The document's bytes.
  let bytes: [UInt8]
  /// The index entries, valid in `0..<count`.
  let nodes: [JSONNode]
  /// Valid entries in `nodes`.
  let count: Int
  /// Whether any string or key has a backslash escape.
  let hasEscapes: Bool

  init(bytes: [UInt8], nodes: [JSONNode], count: Int, hasEscapes: Bool = true) {
    self.bytes = bytes
    self.nodes = nodes
    self.count = min(count, nodes.count)
    self.hasEscapes = hasEscapes
  }
}
