/// Interns repeated strings (namespaces, label keys and values, image names) so that records
/// share one heap buffer per distinct text instead of one per occurrence.
///
/// The table is bounded: when it holds `limit` strings it starts afresh (records keep their
/// copies; later occurrences share again through the new table), so strings of deleted objects
/// never pile up.
public struct StringTable: Sendable {
  private var strings: Set<String> = []
  /// The most strings held before the table starts afresh.
  public let limit: Int

  /// Creates an empty table holding at most `limit` strings.
  public init(limit: Int = 1 << 16) {
    self.limit = max(1, limit)
  }

  /// The table's canonical copy of `text` (added when new). Short strings (15 UTF-8 bytes or
  /// fewer) are stored inline by Swift and are returned as they are.
  public mutating func intern(_ text: String) -> String {
    if text.utf8.count <= 15 { return text }
    if let existing = strings.firstIndex(of: text) { return strings[existing] }
    if strings.count >= limit { strings.removeAll(keepingCapacity: true) }
    strings.insert(text)
    return text
  }

  /// Number of distinct long strings held.
  public var count: Int { strings.count }
}
