/// Re-usable parser: keeps its container stack and index buffer between documents (an index
/// buffer handed to a document comes back once nothing else references that document).
///
/// The scan writes straight into that buffer, sized from the text's length and grown when a text
/// has more values than that; the document takes the buffer itself, or an exact copy when the
/// buffer is more than twice as long as it needs (so a kept document never holds much slack).
public struct JSONIndexer: Sendable {
  /// The deepest nesting of arrays and objects accepted; deeper input throws `.tooDeep`.
  public static let maxDepth = 512

  private static let emptyFrame = JSONScanner.Frame(node: 0, count: 0, isObject: false)
  private static let emptyNode = JSONNode(start: 0, end: 0, next: 0, count: 0, tag: 0, flags: 0)

  /// The explicit container stack, `maxDepth` frames once allocated.
  private var stack: [JSONScanner.Frame] = []
  /// The storage of the last document parsed; its index buffer is reused once nothing else
  /// references it.
  private var recycled: JSONStorage?
  /// A working buffer kept from the last parse (empty when it went with the document).
  private var spare: [JSONNode] = []
  /// The longest working buffer kept between documents (2 MiB of entries).
  private static let maxSpareNodes = 1 << 16

  /// Creates an indexer with empty buffers.
  public init() {}

  /// Parses and validates one JSON text, building its index.
  public mutating func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONDocument {
    if stack.count != Self.maxDepth {
      stack = Array(repeating: Self.emptyFrame, count: Self.maxDepth)
    }
    // About one value per 12 bytes in typical audit events (rarely fewer than 8): sized so that
    // growing is rare.
    let estimate = bytes.count / 8 + 16 + JSONScanner.minimumFree
    // The index is written into a working buffer that is reused from document to document:
    // the one kept from the last parse, or the last document's own when nothing else holds that
    // document any more (its events are gone). (Were it shared after all, writing to it would
    // copy it first: it is an ordinary array.)
    var nodes: [JSONNode]
    if !spare.isEmpty {
      nodes = spare
      spare = []
    } else if isKnownUniquelyReferenced(&recycled) {
      nodes = Self.takeNodes(&recycled)
    } else {
      nodes = []
    }
    if nodes.count < estimate {
      nodes.append(contentsOf: repeatElement(Self.emptyNode, count: estimate - nodes.count))
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
        let count = state.count
        if nodes.count > 2 * count + 64 {
          // Much more buffer than this document needs: it gets an exact copy (a document kept
          // for long, as evidence, never holds much more index than its own) and the buffer
          // stays for the next one.
          let exact = Array(nodes[0..<count])
          keepSpare(nodes)
          recycled = nil
          return JSONDocument(
            storage: JSONStorage(
              bytes: bytes, nodes: exact, count: count, hasEscapes: state.sawEscape))
        }
        let storage = JSONStorage(
          bytes: bytes, nodes: nodes, count: count, hasEscapes: state.sawEscape)
        recycled = storage
        return JSONDocument(storage: storage)
      case .full:
        nodes.append(contentsOf: repeatElement(Self.emptyNode, count: nodes.count))
      case .failed(let error):
        keepSpare(nodes)
        throw error
      }
    }
  }

  /// Keeps `nodes` as the next working buffer unless it is very large (memory stays bounded).
  private mutating func keepSpare(_ nodes: [JSONNode]) {
    spare = nodes.count <= Self.maxSpareNodes ? nodes : []
  }

  /// The index buffer of `storage`, which is released (so the caller holds the only reference
  /// to the buffer when it held the only reference to the storage).
  private static func takeNodes(_ storage: inout JSONStorage?) -> [JSONNode] {
    defer { storage = nil }
    return storage?.nodes ?? []
  }
}
