import VigilCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension ProfileBook {
  /// The slow path: `fact.value` is not in its profile's table.
  mutating func observeNew(_ fact: BehaviorFact, slot: Int, category c: Int) -> NoveltyFinding? {
    statistics.newValues += 1
    let time = fact.time
    if profiles[slot].locked {
      // Locked: nothing learned, everything new reported.
      let table = profiles[slot].tables[c]
      let p = table.observations > 0 ? table.newValueProbability : firstValueProbability(slot)
      statistics.findings += 1
      return finding(
        fact, slot: slot, category: c, probability: p, threshold: 0, sensitivity: 1,
        state: .locked)
    }
    if let sketch = profiles[slot].sketch {
      let estimate = sketch.estimate(LongTailSketch.hash(fact.value, category: c))
      if estimate > 0 {
        // Seen before, rarely: back into the table with its count, not new.
        statistics.returningValues += 1
        if estimate == 1 { profiles[slot].tables[c].singletons -= 1 }
        insert(fact.value, count: estimate == .max ? estimate : estimate + 1, at: time, slot, c)
        return nil
      }
    }
    let state = evaluateState(slot: slot, at: time)
    var result: NoveltyFinding?
    switch state {
    case .learning:
      statistics.learnedWhileLearning += 1
    case .relaxed:
      statistics.learnedWhileRelaxed += 1
    case .locked:
      break
    case .stable:
      if fact.category == .process,
        time < profiles[slot].firstObservation.adding(configuration.startupWindow)
      {
        statistics.learnedAtStartup += 1
      } else if let probability = settledProbability(slot: slot, category: c) {
        let sensitivity = configuration.sensitivity(forNamespace: fact.entity.namespace)
        let base = configuration.scoreThreshold(for: fact.category)
        let score = -log10(probability)
        if sensitivity > 0, score * sensitivity >= base {
          statistics.findings += 1
          result = finding(
            fact, slot: slot, category: c, probability: probability,
            threshold: base / sensitivity, sensitivity: sensitivity, state: .stable)
        } else {
          statistics.belowThreshold += 1
        }
      } else {
        statistics.learnedInUnsettledCategory += 1
      }
    }
    profiles[slot].tables[c].singletons += 1
    profiles[slot].tables[c].distinct += 1
    insert(fact.value, count: 1, at: time, slot, c)
    return result
  }

  /// The profile's state at `time`, recording the move from learning to stable: old enough
  /// and at least one category settled (other categories settle on their own).
  mutating func evaluateState(slot: Int, at time: Timestamp) -> ProfileState {
    let state = profiles[slot].state(at: time)
    guard state == .learning,
      time.since(profiles[slot].firstObservation) >= configuration.learningPeriod
    else { return state }
    for c in 0..<profiles[slot].tables.count where isSettled(profiles[slot].tables[c], c) {
      profiles[slot].stableSince = time
      return .stable
    }
    return .learning
  }

  /// Enough observations and few enough singletons.
  func isSettled(_ table: CategoryTable, _ c: Int) -> Bool {
    table.observations >= configuration.minimumObservations(for: .atProfileSlot(c))
      && table.goodTuring <= configuration.stabilityThreshold
  }

  /// The new-value probability of a settled category, nil when it is still learning on its
  /// own. An empty category is scored by the whole profile's observations, once the book has
  /// had that category for a learning period.
  func settledProbability(slot: Int, category c: Int) -> Double? {
    let table = profiles[slot].tables[c]
    if table.observations > 0 { return isSettled(table, c) ? table.newValueProbability : nil }
    guard configuration.alertOnFirstValueOfCategory, categorySince[c] != .max,
      Timestamp(nanoseconds: categorySince[c]).adding(configuration.learningPeriod)
        <= profiles[slot].lastObservation,
      profiles[slot].observations >= configuration.minimumObservations
    else { return nil }
    return firstValueProbability(slot)
  }

  /// The chance that a profile's next observation opens a category it never had.
  func firstValueProbability(_ slot: Int) -> Double {
    1 / Double(profiles[slot].observations + 1)
  }

  /// Puts a value in a table with `count` occurrences (counted as observations), evicting the
  /// least frequent values to the sketch when the table is full.
  mutating func insert(_ value: String, count: UInt32, at time: Timestamp, _ slot: Int, _ c: Int) {
    let id = interner.retain(value)
    let t = time.nanoseconds
    profiles[slot].tables[c].values[id] = ValueStats(count: count, firstSeen: t, lastSeen: t)
    profiles[slot].tables[c].observations += 1
    if profiles[slot].tables[c].values.count > max(1, configuration.valuesPerCategory) {
      evictValues(slot: slot, category: c)
    }
  }

  /// Moves the least frequent (then least recent) eighth of a full table to the sketch.
  mutating func evictValues(slot: Int, category c: Int) {
    let capacity = max(1, configuration.valuesPerCategory)
    let keep = max(1, capacity - capacity / 8)
    // Ties broken by the value, so a restored book evicts exactly what the original would.
    let ascending = profiles[slot].tables[c].values.map { ($0.key, $0.value) }.sorted {
      ($0.1.count, $0.1.lastSeen, interner.value($0.0))
        < ($1.1.count, $1.1.lastSeen, interner.value($1.0))
    }
    var sketch = profiles[slot].sketch ?? LongTailSketch()
    for (id, stats) in ascending.prefix(ascending.count - keep) {
      sketch.add(LongTailSketch.hash(interner.value(id), category: c), count: stats.count)
      profiles[slot].tables[c].values[id] = nil
      interner.release(id)
      statistics.evictedValues += 1
    }
    profiles[slot].sketch = sketch
  }

  /// The kept values of a table, most frequent first.
  func knownValues(slot: Int, category c: Int, limit: Int) -> [KnownValue] {
    let all = profiles[slot].tables[c].values.map { id, stats in
      KnownValue(
        value: interner.value(id), count: Int(stats.count),
        firstSeen: Timestamp(nanoseconds: stats.firstSeen),
        lastSeen: Timestamp(nanoseconds: stats.lastSeen))
    }
    let sorted = all.sorted {
      ($0.count, $0.lastSeen, $1.value) > ($1.count, $1.lastSeen, $0.value)
    }
    return Array(sorted.prefix(max(0, limit)))
  }

  /// A finding about `fact`, with the category's totals before the value is learned.
  func finding(
    _ fact: BehaviorFact, slot: Int, category c: Int, probability: Double, threshold: Double,
    sensitivity: Double, state: ProfileState
  ) -> NoveltyFinding {
    let table = profiles[slot].tables[c]
    return NoveltyFinding(
      entity: fact.entity, category: fact.category, value: fact.value, time: fact.time,
      score: -log10(probability), newValueProbability: probability, threshold: threshold,
      sensitivity: sensitivity, state: state, learningSince: profiles[slot].firstObservation,
      observations: table.observations, distinctValues: table.distinct,
      singletons: table.singletons, firstOfCategory: table.observations == 0,
      knownValues: knownValues(slot: slot, category: c, limit: 5))
  }
}
