import VigilCore

/// Per-key detector state with bounded memory: entries idle for longer than `idleTimeout` are
/// swept (at most every quarter of it, by stream time), and at `capacity` the least recently
/// seen eighth is evicted at once (amortized O(1) per insert).
struct ScanStateTable<Key: Hashable & Sendable, State: Sendable>: Sendable {
  struct Entry: Sendable {
    var state: State
    var lastSeen: Int64
  }

  var entries: [Key: Entry] = [:]
  let capacity: Int
  let idleNanoseconds: Int64
  var lastSweep = Int64.min
  /// Entries dropped at capacity (idle ones swept are not counted).
  var evicted = 0

  init(capacity: Int, idleTimeout: Duration) {
    self.capacity = max(8, capacity)
    idleNanoseconds = max(1, idleTimeout.nanoseconds)
  }

  var count: Int { entries.count }

  /// Runs `body` on the state of `key` (made by `make` when absent), stamped seen at `now`.
  @inline(__always)
  mutating func update<R>(
    _ key: Key, now: Int64, make: () -> State, _ body: (inout State) -> R
  ) -> R {
    if let index = entries.index(forKey: key) {
      // One in-place access: reading `entries.values[index].lastSeen` on its own would copy
      // the whole entry (retaining everything the state holds) just to compare a time.
      return Self.touch(&entries.values[index], now: now, body)
    }
    sweep(now: now)
    if entries.count >= capacity { evictOldest() }
    var state = make()
    let result = body(&state)
    entries[key] = Entry(state: state, lastSeen: now)
    return result
  }

  @inline(__always)
  static func touch<R>(_ entry: inout Entry, now: Int64, _ body: (inout State) -> R) -> R {
    if entry.lastSeen < now { entry.lastSeen = now }
    return body(&entry.state)
  }

  /// Drops entries idle for longer than the timeout.
  mutating func sweep(now: Int64) {
    guard lastSweep == .min || now &- lastSweep >= idleNanoseconds / 4 else { return }
    lastSweep = now
    let cutoff = now &- idleNanoseconds
    entries = entries.filter { $0.value.lastSeen >= cutoff }
  }

  /// Drops the least recently seen eighth of the entries.
  mutating func evictOldest() {
    let drop = max(1, entries.count / 8)
    var times = entries.values.map(\.lastSeen)
    times.sort()
    let cutoff = times[drop - 1]
    var dropped = 0
    entries = entries.filter { element in
      if element.value.lastSeen <= cutoff && dropped < drop {
        dropped += 1
        return false
      }
      return true
    }
    evicted += dropped
  }
}
