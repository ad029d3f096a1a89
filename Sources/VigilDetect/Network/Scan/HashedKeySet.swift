/// A set of 64-bit keys that are already hashes (FNV-1a of an address mixed with a port):
/// open addressing with linear probing over a power-of-two table, and a multiply-shift slot
/// choice — no `Hasher` round per insert, which is what a `Set` of small structs spends most of
/// its time on in the scan detectors' per-flow path.
struct HashedKeySet: Sendable {
  /// Slots; `0` marks an empty one (key 0 is kept in `holdsZero`).
  private var slots: [UInt64] = []
  private var holdsZero = false
  /// Keys held.
  private(set) var count = 0

  /// An empty set (no allocation until the first insert).
  init() {}

  /// Inserts `key`; true when it was not there.
  @inline(__always)
  mutating func insert(_ key: UInt64) -> Bool {
    if key == 0 {
      guard !holdsZero else { return false }
      holdsZero = true
      count += 1
      return true
    }
    if (count + 1) * 4 > slots.count * 3 { grow() }
    let mask = slots.count - 1
    var slot = Self.slot(of: key, mask: mask)
    while true {
      let held = slots[slot]
      if held == key { return false }
      if held == 0 {
        slots[slot] = key
        count += 1
        return true
      }
      slot = (slot + 1) & mask
    }
  }

  /// Whether `key` is held.
  func contains(_ key: UInt64) -> Bool {
    if key == 0 { return holdsZero }
    guard !slots.isEmpty else { return false }
    let mask = slots.count - 1
    var slot = Self.slot(of: key, mask: mask)
    while true {
      let held = slots[slot]
      if held == key { return true }
      if held == 0 { return false }
      slot = (slot + 1) & mask
    }
  }

  /// Empties the set, keeping no storage.
  mutating func removeAll() {
    slots = []
    holdsZero = false
    count = 0
  }

  @inline(__always)
  private static func slot(of key: UInt64, mask: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }

  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: max(16, old.count * 2))
    let mask = slots.count - 1
    for key in old where key != 0 {
      var slot = Self.slot(of: key, mask: mask)
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = key
    }
  }
}
