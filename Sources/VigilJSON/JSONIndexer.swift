/// Re-usable parser: keeps its index buffers between documents to avoid allocations.
///
/// The buffers are shared with the last document returned (copy-on-write), so reuse happens
/// when that document has been released by the time of the next `parse`.
public struct JSONIndexer: Sendable {
  /// The deepest nesting of arrays and objects accepted; deeper input throws `.tooDeep`.
  public static let maxDepth = 512

  private var nodes: [JSONNode] = []
  private var stack: [JSONScanner.Frame] = []

  /// Creates an indexer with empty buffers.
  public init() {}

  /// Parses and validates one JSON text, building its index.
  public mutating func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONDocument {
    let estimate = bytes.count / 12 + 8
    // Keep the buffer between documents, but not one far larger than this document needs: a
    // document retained by a caller holds its buffer's whole capacity.
    if nodes.capacity > 4 * estimate + 1024 {
      nodes = []
    } else {
      nodes.removeAll(keepingCapacity: true)
    }
    stack.removeAll(keepingCapacity: true)
    nodes.reserveCapacity(estimate)
    let error = bytes.withUnsafeBufferPointer { p in
      JSONScanner.scan(p, into: &nodes, stack: &stack, maxDepth: Self.maxDepth)
    }
    if let error { throw error }
    return JSONDocument(storage: JSONStorage(bytes: bytes, nodes: nodes))
  }
}
