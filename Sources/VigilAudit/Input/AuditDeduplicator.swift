/// Drops repeated audit events (same `auditID` and `stage`) with bounded memory.
///
/// Keys are kept as 64-bit hashes in two generations: when the current one holds `capacity`
/// keys it becomes the previous one and the oldest is forgotten, so memory stays below
/// 2 × `capacity` hashes and a repeat is caught within at least `capacity` distinct events.
public struct AuditDeduplicator: Sendable {
  /// Keys per generation.
  public let capacity: Int
  private var current: Set<Int> = []
  private var previous: Set<Int> = []

  /// Creates a deduplicator remembering between `capacity` and 2 × `capacity` recent keys.
  public init(capacity: Int = 1 << 20) {
    self.capacity = max(1, capacity)
  }

  /// Records the key and says whether it was seen before.
  public mutating func isDuplicate(auditID: String, stage: String?) -> Bool {
    var hasher = Hasher()
    hasher.combine(auditID)
    hasher.combine(stage)
    let key = hasher.finalize()
    if current.contains(key) || previous.contains(key) { return true }
    if current.count >= capacity {
      previous = current
      current = Set(minimumCapacity: min(capacity, 1 << 16))
    }
    current.insert(key)
    return false
  }

  /// How many keys are remembered now.
  public var count: Int { current.count + previous.count }
}
