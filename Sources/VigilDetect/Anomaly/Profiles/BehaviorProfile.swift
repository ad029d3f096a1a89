import VigilCore

/// What one entity (workload, user, service account, namespace) normally does: per fact
/// category, its top values with counts and first/last seen, the Good–Turing totals, and an
/// optional long-tail sketch for values evicted from the tables. Values are held as ids into the
/// book's interner; read them through `ProfileBook`.
public struct BehaviorProfile: Sendable {
  /// Whose profile it is.
  public let entity: EntityKey
  /// The first observation: the profile has been learning since then.
  public internal(set) var firstObservation: Timestamp
  /// The latest observation.
  public internal(set) var lastObservation: Timestamp
  /// When the profile became stable (stable is kept until a rollout relaxes it or it is
  /// locked).
  public internal(set) var stableSince: Timestamp?
  /// The end of the relaxation after the latest rollout.
  public internal(set) var relaxedUntil: Timestamp?
  /// Locked by hand.
  public internal(set) var locked = false
  /// One table per category, indexed by `FactCategory.profileSlot`.
  var tables: [CategoryTable]
  /// Counts of values evicted from the tables (nil until the first eviction).
  var sketch: LongTailSketch?

  /// An empty profile first observed at `time`.
  init(entity: EntityKey, at time: Timestamp) {
    self.entity = entity
    firstObservation = time
    lastObservation = time
    tables = Array(repeating: CategoryTable(), count: FactCategory.profileSlotCount)
  }

  /// Observations of all categories.
  public var observations: Int { tables.reduce(0) { $0 + $1.observations } }

  /// Observations of one category.
  public func observations(of category: FactCategory) -> Int {
    tables[category.profileSlot].observations
  }

  /// Distinct values ever seen in one category.
  public func distinctValues(of category: FactCategory) -> Int {
    tables[category.profileSlot].distinct
  }

  /// Values seen exactly once in one category.
  public func singletons(of category: FactCategory) -> Int {
    tables[category.profileSlot].singletons
  }

  /// Good–Turing's new-value probability for one category (singletons ÷ observations).
  public func goodTuring(of category: FactCategory) -> Double {
    tables[category.profileSlot].goodTuring
  }

  /// The state at `time`, without updating anything (`ProfileBook.state(of:at:)` also records
  /// the move to stable).
  func state(at time: Timestamp) -> ProfileState {
    if locked { return .locked }
    if let until = relaxedUntil, time < until { return .relaxed(until: until) }
    return stableSince == nil ? .learning : .stable
  }
}
