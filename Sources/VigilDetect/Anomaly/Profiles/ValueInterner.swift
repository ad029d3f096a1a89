/// Every distinct fact value held by any profile, stored once: profiles keep 32-bit ids, so a
/// peer or API-call shape shared by thousands of workloads costs one string, and a known value
/// is found with one string hash per fact. Reference-counted: an id is freed (and reused) when
/// no profile table holds it any more.
struct ValueInterner: Sendable {
  private var ids: [String: UInt32] = [:]
  private var strings: [String] = []
  private var references: [UInt32] = []
  private var free: [UInt32] = []

  /// An empty interner.
  init() {}

  /// Number of distinct values held.
  var count: Int { ids.count }

  /// The id of `value`, if some profile holds it.
  @inline(__always)
  func id(of value: String) -> UInt32? { ids[value] }

  /// The value with id `id`.
  @inline(__always)
  func value(_ id: UInt32) -> String { strings[Int(id)] }

  /// The id of `value`, interned if needed, with one more reference.
  mutating func retain(_ value: String) -> UInt32 {
    if let id = ids[value] {
      references[Int(id)] &+= 1
      return id
    }
    let id: UInt32
    if let reused = free.popLast() {
      id = reused
      strings[Int(id)] = value
      references[Int(id)] = 1
    } else {
      id = UInt32(truncatingIfNeeded: strings.count)
      strings.append(value)
      references.append(1)
    }
    ids[value] = id
    return id
  }

  /// Drops one reference to `id`; the value is forgotten with the last one.
  mutating func release(_ id: UInt32) {
    let i = Int(id)
    guard i < references.count, references[i] > 0 else { return }
    references[i] -= 1
    if references[i] == 0 {
      ids[strings[i]] = nil
      strings[i] = ""
      free.append(id)
    }
  }
}
