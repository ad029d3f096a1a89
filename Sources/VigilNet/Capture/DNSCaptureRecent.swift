import VigilCore

/// The responses recorded in the last moments, to recognise a copy of one seen on another
/// interface (bridge and port). Bounded: a ring of `capacity` keys.
struct DNSCaptureRecent: Sendable {
  /// What identifies one response on the wire.
  struct Key: Hashable, Sendable {
    var source: String
    var destination: String
    var sourcePort: UInt16
    var destinationPort: UInt16
    var transport: DNSPacket.Transport
    var id: UInt16
  }

  let capacity: Int
  var seen: [Key: Timestamp] = [:]
  var ring: [(key: Key, at: Timestamp)] = []
  var head = 0

  init(capacity: Int) { self.capacity = max(1, capacity) }

  /// Remembers `key` at `now`; false when it was already seen less than `window` ago.
  mutating func insert(_ key: Key, at now: Timestamp, window: Duration) -> Bool {
    if let last = seen[key], now.since(last) < window, last <= now { return false }
    seen[key] = now
    if ring.count < capacity {
      ring.append((key, now))
    } else {
      let old = ring[head]
      if seen[old.key] == old.at { seen[old.key] = nil }
      ring[head] = (key, now)
      head = (head + 1) % capacity
    }
    return true
  }
}
