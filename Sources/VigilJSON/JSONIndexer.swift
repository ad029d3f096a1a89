/// Re-usable parser: keeps its container stack between documents.
///
/// The scan writes straight into the new document's index, sized from the text's length and
/// grown when a text has more values than that (so the index is not copied afterwards).
public struct JSONIndexer: Sendable {
  /// The deepest nesting of arrays and objects accepted; deeper input throws `.tooDeep`.
  public static let maxDepth = 512

  private static let emptyNode = JSONNode(start: 0, end: 0, next: 0, count: 0, tag: 0, flags: 0)
  private static let emptyFrame = JSONScanner.Frame(node: 0, count: 0, isObject: false)

  /// The explicit container stack, `maxDepth` frames once allocated.
  private var stack: [JSONScanner.Frame] = []

  /// Creates an indexer with empty buffers.
  public init() {}

  /// Parses and validates one JSON text, building its index.
  public mutating func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONDocument {
    // About one value per 12 bytes in typical audit events; grown by doubling when short.
    var nodes = Array(
      repeating: Self.emptyNode, count: bytes.count / 12 + 8 + JSONScanner.minimumFree)
    if stack.count != Self.maxDepth {
      stack = Array(repeating: Self.emptyFrame, count: Self.maxDepth)
    }
    var state = JSONScanner.State()
    while true {
      let outcome = bytes.withUnsafeBufferPointer { p in
        nodes.withUnsafeMutableBufferPointer { out in
          stack.withUnsafeMutableBufferPointer { frames in
            JSONScanner.scan(p, into: out, stack: frames, state: &state)
          }
        }
      }
      switch outcome {
      case .done:
        nodes.removeLast(nodes.count - state.count)
        if nodes.capacity > 2 * state.count + 64 {
          nodes = Array(nodes)  // do not keep a grown buffer's slack alive with the document
        }
        return JSONDocument(storage: JSONStorage(bytes: bytes, nodes: nodes))
      case .full:
        nodes.append(contentsOf: repeatElement(Self.emptyNode, count: nodes.count))
      case .failed(let error):
        throw error
      }
    }
  }
}
