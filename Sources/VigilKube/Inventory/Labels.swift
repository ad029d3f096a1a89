/// Labels or annotations as a small array of pairs sorted by key: four words per pair and no
/// hash table, so 10,000 pods with a handful of labels each stay small.
public struct Labels: Sendable, Hashable, Sequence, CustomStringConvertible {
  /// One key and its value.
  public struct Pair: Sendable, Hashable {
    /// The key (`app.kubernetes.io/name`).
    public var key: String
    /// The value.
    public var value: String
  }

  /// The pairs, sorted by key, keys unique.
  public private(set) var pairs: [Pair]

  /// No labels.
  public static let empty = Labels(sortedPairs: [])

  init(sortedPairs: [Pair]) { self.pairs = sortedPairs }

  /// Creates labels from a dictionary.
  public init(_ dictionary: [String: String]) {
    pairs = dictionary.map { Pair(key: $0.key, value: $0.value) }.sorted { $0.key < $1.key }
  }

  /// The value for `key`.
  public subscript(key: String) -> String? {
    var lower = 0
    var upper = pairs.count
    while lower < upper {
      let middle = (lower + upper) / 2
      if pairs[middle].key < key { lower = middle + 1 } else { upper = middle }
    }
    return lower < pairs.count && pairs[lower].key == key ? pairs[lower].value : nil
  }

  /// Number of pairs.
  public var count: Int { pairs.count }

  /// Whether there are no pairs.
  public var isEmpty: Bool { pairs.isEmpty }

  /// Iterates the pairs in key order.
  public func makeIterator() -> IndexingIterator<[Pair]> { pairs.makeIterator() }

  /// Whether every pair of `selector` is present here (a Service selector matching pod labels);
  /// an empty selector matches nothing, as for Services.
  public func matches(selector: Labels) -> Bool {
    guard !selector.isEmpty else { return false }
    return selector.pairs.allSatisfy { self[$0.key] == $0.value }
  }

  /// The values as a dictionary.
  public var dictionary: [String: String] {
    Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
  }

  /// `app=api,tier=web`.
  public var description: String { pairs.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }
}
