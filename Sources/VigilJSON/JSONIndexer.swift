/// Re-usable parser: keeps its scratch buffers between documents to avoid allocations.
///
/// The scan writes into a scratch node buffer owned by the indexer; each document gets an
/// exact-size copy of its part, so documents never share (or pin) the scratch buffer.
public struct JSONIndexer: Sendable {
  /// The deepest nesting of arrays and objects accepted; deeper input throws `.tooDeep`.
  public static let maxDepth = 512

  private static let emptyNode = JSONNode(start: 0, end: 0, next: 0, count: 0, tag: 0, flags: 0)
  private static let emptyFrame = JSONScanner.Frame(node: 0, count: 0, isObject: false)

  /// Scratch index; its `count` is its usable size (entries beyond a scan's are stale).
  private var scratch: [JSONNode] = []
  /// The explicit container stack, `maxDepth` frames once allocated.
  private var stack: [JSONScanner.Frame] = []

  /// Creates an indexer with empty buffers.
  public init() {}

  /// Parses and validates one JSON text, building its index.
  public mutating func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONDocument {
    let estimate = bytes.count / 12 + 8
    // Keep the scratch between documents, but not one far larger than this document needs.
    if scratch.count < estimate || scratch.count > 4 * estimate + 4096 {
      scratch = Array(repeating: Self.emptyNode, count: estimate + JSONScanner.minimumFree)
    }
    if stack.count != Self.maxDepth {
      stack = Array(repeating: Self.emptyFrame, count: Self.maxDepth)
    }
    var state = JSONScanner.State()
    while true {
      let outcome = bytes.withUnsafeBufferPointer { p in
        scratch.withUnsafeMutableBufferPointer { out in
          stack.withUnsafeMutableBufferPointer { frames in
            JSONScanner.scan(p, into: out, stack: frames, state: &state)
          }
        }
      }
      switch outcome {
      case .done:
        let nodes = Array(scratch[0..<state.count])
        return JSONDocument(storage: JSONStorage(bytes: bytes, nodes: nodes))
      case .full:
        scratch.append(contentsOf: repeatElement(Self.emptyNode, count: scratch.count))
      case .failed(let error):
        throw error
      }
    }
  }
}
