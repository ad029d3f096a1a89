import VigilCore

/// A whole profile book as plain Codable values: one record per entity, so the store can keep
/// each profile as a row (`profiles(entity TEXT PRIMARY KEY, kind, updated_at, body BLOB)`,
/// `body` being the JSON of `EntityProfileRecord.body`).
public struct ProfileSnapshot: Sendable, Hashable, Codable {
  /// The format version (1).
  public var version: Int
  /// One record per profile, in entity order.
  public var records: [EntityProfileRecord]
  /// Per category (raw name), the earliest fact of it in the book.
  public var categorySince: [String: Timestamp]
  /// The book's counters.
  public var statistics: ProfileBook.Statistics

  /// A snapshot.
  public init(
    version: Int = 1, records: [EntityProfileRecord], categorySince: [String: Timestamp],
    statistics: ProfileBook.Statistics
  ) {
    self.version = version
    self.records = records
    self.categorySince = categorySince
    self.statistics = statistics
  }
}

/// One entity's profile: the row columns and the JSON body.
public struct EntityProfileRecord: Sendable, Hashable, Codable {
  /// Whose profile.
  public var entity: EntityKey
  /// The state at the last observation (`learning`, `stable`, `relaxed`, `locked`).
  public var state: String
  /// The first observation.
  public var firstObservation: Timestamp
  /// The latest observation (the row's `updated_at`).
  public var lastObservation: Timestamp
  /// Everything else.
  public var body: Body

  /// The row's primary key: `kind:name`.
  public var key: String { entity.description }

  /// A profile's learned content.
  public struct Body: Sendable, Hashable, Codable {
    /// When it became stable.
    public var stableSince: Timestamp?
    /// The end of the latest rollout's relaxation.
    public var relaxedUntil: Timestamp?
    /// Locked by hand.
    public var locked: Bool
    /// Categories with observations.
    public var categories: [Category]
    /// The long-tail sketch's non-zero counters as (index, count) pairs, flattened.
    public var sketch: [UInt32]?
  }

  /// One category's totals and kept values.
  public struct Category: Sendable, Hashable, Codable {
    /// Which category.
    public var category: FactCategory
    /// Observations.
    public var observations: Int
    /// Values seen once.
    public var singletons: Int
    /// Distinct values ever seen.
    public var distinct: Int
    /// The kept values, most frequent first.
    public var values: [KnownValue]
  }
}

extension ProfileBook {
  /// Everything the book learned, per entity.
  public func snapshot() -> ProfileSnapshot {
    let records = slots.sorted { $0.key < $1.key }.map { entity, slot in
      let profile = profiles[slot]
      let categories = (0..<profile.tables.count).compactMap { c -> EntityProfileRecord.Category? in
        let table = profile.tables[c]
        guard table.observations > 0 || table.distinct > 0 else { return nil }
        return EntityProfileRecord.Category(
          category: .atProfileSlot(c), observations: table.observations,
          singletons: table.singletons, distinct: table.distinct,
          values: knownValues(slot: slot, category: c, limit: .max))
      }
      let sketch = profile.sketch.map { sketch in
        sketch.counters.enumerated().flatMap { index, count in
          count == 0 ? [] : [UInt32(truncatingIfNeeded: index), count]
        }
      }
      return EntityProfileRecord(
        entity: entity, state: profile.state(at: profile.lastObservation).name,
        firstObservation: profile.firstObservation, lastObservation: profile.lastObservation,
        body: .init(
          stableSince: profile.stableSince, relaxedUntil: profile.relaxedUntil,
          locked: profile.locked, categories: categories, sketch: sketch))
    }
    var since: [String: Timestamp] = [:]
    for c in 0..<categorySince.count where categorySince[c] != .max {
      since[FactCategory.atProfileSlot(c).rawValue] = Timestamp(nanoseconds: categorySince[c])
    }
    return ProfileSnapshot(records: records, categorySince: since, statistics: statistics)
  }

  /// A book restored from a snapshot (records of the same entity: the last one wins).
  public init(restoring snapshot: ProfileSnapshot, configuration: Configuration = .init()) {
    self.init(configuration: configuration)
    statistics = snapshot.statistics
    for (name, time) in snapshot.categorySince {
      if let category = FactCategory(rawValue: name) {
        categorySince[category.profileSlot] = time.nanoseconds
      }
    }
    for record in snapshot.records { restore(record) }
  }

  private mutating func restore(_ record: EntityProfileRecord) {
    var profile = BehaviorProfile(entity: record.entity, at: record.firstObservation)
    profile.lastObservation = record.lastObservation
    profile.stableSince = record.body.stableSince
    profile.relaxedUntil = record.body.relaxedUntil
    profile.locked = record.body.locked
    for category in record.body.categories {
      var table = CategoryTable()
      table.observations = category.observations
      table.singletons = category.singletons
      table.distinct = category.distinct
      for known in category.values {
        let id = interner.retain(known.value)
        table.values[id] = ValueStats(
          count: UInt32(clamping: known.count), firstSeen: known.firstSeen.nanoseconds,
          lastSeen: known.lastSeen.nanoseconds)
      }
      profile.tables[category.category.profileSlot] = table
    }
    if let pairs = record.body.sketch {
      var counters = [UInt32](repeating: 0, count: LongTailSketch.depth * LongTailSketch.width)
      var i = 0
      while i + 1 < pairs.count {
        let index = Int(pairs[i])
        if index < counters.count { counters[index] = pairs[i + 1] }
        i += 2
      }
      profile.sketch = LongTailSketch(counters: counters)
    }
    if let existing = slots[record.entity] {
      for table in profiles[existing].tables {
        for id in table.values.keys { interner.release(id) }
      }
      profiles[existing] = profile
    } else {
      slots[record.entity] = profiles.count
      profiles.append(profile)
    }
  }
}
