import VigilCore

/// Every entity's behavior profile, and the fast path that folds each fact in and reports the
/// new values that deserve an alert.
///
/// A fact costs one hash of its entity (skipped when the previous fact had the same entity) and
/// one hash of its value in the book-wide interner; a value the profile already knows is then
/// found by a 32-bit id and counted in place, with no allocation. Only values new to a profile
/// take the slower path that checks the profile's state, scores the value and learns it.
/// Memory is bounded: top-K values per category (the rest go to a count-min sketch) and at most
/// `maxProfiles` profiles (the longest idle are evicted, counted).
public struct ProfileBook: Sendable {
  /// The settings in force; changes apply to later facts.
  public var configuration: Configuration
  /// What the book has done so far.
  public internal(set) var statistics = Statistics()

  /// Profile slot per entity.
  var slots: [EntityKey: Int] = [:]
  /// Profiles by slot; freed slots hold a placeholder and are listed in `freeSlots`.
  var profiles: [BehaviorProfile] = []
  /// Slots free for reuse.
  var freeSlots: [Int] = []
  /// Every value any profile keeps.
  var interner = ValueInterner()
  /// Per category, the earliest fact of that category in the whole book (nanoseconds;
  /// `Int64.max` before any): a source that only just came online does not make every stable
  /// profile's first value of its category look new.
  var categorySince = [Int64](repeating: .max, count: FactCategory.profileSlotCount)
  /// The previous fact's entity and slot (facts often come several per entity).
  private var lastEntity: EntityKey?
  private var lastSlot = 0

  /// An empty book.
  public init(configuration: Configuration = .init()) {
    self.configuration = configuration
  }

  /// Number of profiles held.
  public var profileCount: Int { slots.count }

  /// Number of distinct values held across all profiles (each stored once).
  public var internedValues: Int { interner.count }

  /// The entities with a profile, in order.
  public var entities: [EntityKey] { slots.keys.sorted() }

  /// The profile of `entity`, if there is one.
  public func profile(for entity: EntityKey) -> BehaviorProfile? {
    slots[entity].map { profiles[$0] }
  }

  /// Folds a fact into its entity's profile; returns a finding when the value is new to a
  /// stable (or locked) profile, in a settled category, and surprising enough to alert.
  public mutating func observe(_ fact: BehaviorFact) -> NoveltyFinding? {
    statistics.facts &+= 1
    let time = fact.time.nanoseconds
    let slot = self.slot(for: fact.entity, at: fact.time)
    let c = fact.category.profileSlot
    if time < categorySince[c] { categorySince[c] = time }
    if profiles[slot].lastObservation.nanoseconds < time {
      profiles[slot].lastObservation = fact.time
    }
    if let id = interner.id(of: fact.value) {
      if profiles[slot].locked {
        // A locked profile learns nothing: known values are not even counted.
        if profiles[slot].tables[c].values[id] != nil { return nil }
      } else if profiles[slot].tables[c].touch(id, at: time) {
        return nil
      }
    }
    return observeNew(fact, slot: slot, category: c)
  }

  /// The state of `entity`'s profile at `time` (recording the move to stable when it is due);
  /// nil when there is no profile.
  public mutating func state(of entity: EntityKey, at time: Timestamp) -> ProfileState? {
    guard let slot = slots[entity] else { return nil }
    return evaluateState(slot: slot, at: time)
  }

  /// The values `entity`'s profile keeps for `category`, most frequent first (ties: most
  /// recent first), at most `limit`.
  public func knownValues(of entity: EntityKey, category: FactCategory, limit: Int = .max)
    -> [KnownValue]
  {
    guard let slot = slots[entity] else { return [] }
    return knownValues(slot: slot, category: category.profileSlot, limit: limit)
  }

  /// How often `entity`'s profile counted `value` in `category` (kept values only; 0 when
  /// unknown or evicted).
  public func count(of value: String, category: FactCategory, for entity: EntityKey) -> Int {
    guard let slot = slots[entity], let id = interner.id(of: value),
      let stats = profiles[slot].tables[category.profileSlot].values[id]
    else { return 0 }
    return Int(stats.count)
  }

  /// The slot of `entity`'s profile, created (evicting idle profiles above the cap) if needed.
  @inline(__always)
  mutating func slot(for entity: EntityKey, at time: Timestamp) -> Int {
    if let last = lastEntity, last == entity { return lastSlot }
    let slot = slots[entity] ?? createProfile(entity, at: time)
    lastEntity = entity
    lastSlot = slot
    return slot
  }

  private mutating func createProfile(_ entity: EntityKey, at time: Timestamp) -> Int {
    evictProfilesIfNeeded()
    let profile = BehaviorProfile(entity: entity, at: time)
    let slot: Int
    if let reused = freeSlots.popLast() {
      slot = reused
      profiles[slot] = profile
    } else {
      slot = profiles.count
      profiles.append(profile)
    }
    slots[entity] = slot
    return slot
  }

  /// Above `maxProfiles`, forgets the longest-idle tenth (locked profiles last).
  private mutating func evictProfilesIfNeeded() {
    let cap = max(1, configuration.maxProfiles)
    guard slots.count >= cap else { return }
    let keep = cap - max(1, cap / 10)
    let byIdle = slots.sorted { a, b in
      let pa = profiles[a.value]
      let pb = profiles[b.value]
      if pa.locked != pb.locked { return !pa.locked }
      return (pa.lastObservation, a.key) < (pb.lastObservation, b.key)
    }
    for (entity, slot) in byIdle.prefix(slots.count - keep) {
      for table in profiles[slot].tables {
        for id in table.values.keys { interner.release(id) }
      }
      profiles[slot] = BehaviorProfile(entity: entity, at: Timestamp(nanoseconds: 0))
      profiles[slot].tables = []
      freeSlots.append(slot)
      slots[entity] = nil
      statistics.evictedProfiles += 1
    }
    lastEntity = nil
  }
}
