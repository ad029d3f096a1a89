/// Drops repeated audit events (same `auditID` and `stage`) with bounded memory.
///
/// Keys are kept as 64-bit hashes in two generations: when the current one holds `capacity`
/// keys it becomes the previous one and the oldest is forgotten, so memory stays below
/// 2 × `capacity` hashes and a repeat is caught within at least `capacity` distinct events.
///
/// The hash is the standard library's seeded `Hasher` over the key's bytes, so a client that
/// chooses its own `Audit-ID` cannot aim for another request's key and have its event dropped.
/// The hashes are already uniform, so each generation is an open-addressing table indexed by
/// the hash's own bits (no second hashing of the key, unlike a `Set<Int>`).
public struct AuditDeduplicator: Sendable {
  /// Keys per generation.
  public let capacity: Int
  private var current = HashGeneration()
  private var previous = HashGeneration()

  /// Creates a deduplicator remembering between `capacity` and 2 × `capacity` recent keys.
  public init(capacity: Int = 1 << 20) {
    self.capacity = max(1, capacity)
  }

  /// Records the key and says whether it was seen before.
  public mutating func isDuplicate(auditID: String, stage: String?) -> Bool {
    let key = Self.key(auditID: auditID, stage: stage)
    if current.contains(key) || previous.contains(key) { return true }
    if current.count >= capacity {
      previous = current
      current = HashGeneration()
    }
    current.insert(key)
    return false
  }

  /// How many keys are remembered now.
  public var count: Int { current.count + previous.count }

  /// The key's hash: the ID's length and bytes, then the stage's (or a marker for none).
  static func key(auditID: String, stage: String?) -> UInt64 {
    var hasher = Hasher()
    var auditID = auditID
    auditID.withUTF8 { bytes in
      hasher.combine(bytes.count)
      hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
    }
    if var stage {
      stage.withUTF8 { bytes in
        hasher.combine(bytes.count)
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
      }
    } else {
      hasher.combine(-1)
    }
    return UInt64(bitPattern: Int64(hasher.finalize()))
  }
}

/// A set of uniformly distributed 64-bit keys: linear probing in a power-of-two table kept at
/// most half full, grown by doubling from a small start (memory follows the key count).
///
/// Like the standard library's `Set`, an occupancy bitmap sits beside the keys: it is small
/// enough to stay in cache, so looking up a new key (the common case) usually ends at a clear
/// bit without touching the large key array at all.
struct HashGeneration: Sendable {
  /// The keys; a slot is meaningful only when its bit in `occupied` is set.
  private var slots = [UInt64](repeating: 0, count: 1 << 10)
  /// One bit per slot.
  private var occupied = [UInt64](repeating: 0, count: (1 << 10) / 64)
  /// Keys stored.
  private(set) var count = 0

  /// Whether `key` is stored.
  func contains(_ key: UInt64) -> Bool {
    slots.withUnsafeBufferPointer { table in
      occupied.withUnsafeBufferPointer { bits in
        let mask = table.count &- 1
        var i = Int(truncatingIfNeeded: key) & mask
        while bits[i &>> 6] & (1 &<< UInt64(i & 63)) != 0 {
          if table[i] == key { return true }
          i = (i &+ 1) & mask
        }
        return false
      }
    }
  }

  /// Stores `key` (the caller has checked it is not there yet).
  mutating func insert(_ key: UInt64) {
    if (count + 1) * 2 > slots.count { grow() }
    Self.place(key, in: &slots, &occupied)
    count += 1
  }

  private mutating func grow() {
    var bigger = [UInt64](repeating: 0, count: slots.count * 2)
    var biggerBits = [UInt64](repeating: 0, count: bigger.count / 64)
    for i in slots.indices where occupied[i >> 6] & (1 << UInt64(i & 63)) != 0 {
      Self.place(slots[i], in: &bigger, &biggerBits)
    }
    slots = bigger
    occupied = biggerBits
  }

  private static func place(_ key: UInt64, in slots: inout [UInt64], _ occupied: inout [UInt64]) {
    slots.withUnsafeMutableBufferPointer { table in
      occupied.withUnsafeMutableBufferPointer { bits in
        let mask = table.count &- 1
        var i = Int(truncatingIfNeeded: key) & mask
        while bits[i &>> 6] & (1 &<< UInt64(i & 63)) != 0 && table[i] != key {
          i = (i &+ 1) & mask
        }
        bits[i &>> 6] |= 1 &<< UInt64(i & 63)
        table[i] = key
      }
    }
  }
}
