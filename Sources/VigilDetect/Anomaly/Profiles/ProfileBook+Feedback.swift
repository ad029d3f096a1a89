import VigilCore

extension ProfileBook {
  /// Locks `entity`'s profile: it learns nothing and every new value is reported. False when
  /// there is no profile.
  @discardableResult
  public mutating func lock(_ entity: EntityKey) -> Bool {
    guard let slot = slots[entity] else { return false }
    profiles[slot].locked = true
    return true
  }

  /// Unlocks `entity`'s profile (it returns to the state it had). False when there is no
  /// profile.
  @discardableResult
  public mutating func unlock(_ entity: EntityKey) -> Bool {
    guard let slot = slots[entity] else { return false }
    profiles[slot].locked = false
    return true
  }

  /// Folds a fact's value in as known (an accepted alert), even into a locked profile: it
  /// counts at least twice, so it is neither new nor a singleton afterwards.
  public mutating func accept(_ fact: BehaviorFact) {
    let slot = self.slot(for: fact.entity, at: fact.time)
    let c = fact.category.profileSlot
    let t = fact.time.nanoseconds
    if let id = interner.id(of: fact.value), let stats = profiles[slot].tables[c].values[id] {
      guard stats.count < 2 else { return }
      profiles[slot].tables[c].values[id]?.count = 2
      profiles[slot].tables[c].values[id]?.lastSeen = max(stats.lastSeen, t)
      profiles[slot].tables[c].singletons -= 1
      profiles[slot].tables[c].observations += 1
      return
    }
    profiles[slot].tables[c].distinct += 1
    profiles[slot].tables[c].observations += 1
    insert(fact.value, count: 2, at: fact.time, slot, c)
  }

  /// A rollout (image change) of `entity` at `time`: the profile keeps what it learned but
  /// learns without alerting for `rolloutRelaxation`. False when there is no profile.
  @discardableResult
  public mutating func rollout(_ entity: EntityKey, at time: Timestamp) -> Bool {
    guard let slot = slots[entity] else { return false }
    profiles[slot].relaxedUntil = time.adding(configuration.rolloutRelaxation)
    return true
  }

  /// Sets a namespace's sensitivity (0 = off, 1 = default, above 1 = more sensitive).
  public mutating func setSensitivity(_ sensitivity: Double, forNamespace namespace: String) {
    configuration.namespaceSensitivity[namespace] = max(0, sensitivity)
  }
}
