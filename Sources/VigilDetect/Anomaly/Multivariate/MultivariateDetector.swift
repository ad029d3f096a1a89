import VigilAnomaly
import VigilCore

/// Turns each entity's activity per window (default 5 minutes) into a feature vector (counts
/// per series, distinct values per fact category, failure fractions; ``ActivityFeatures``) and
/// scores it with one Half-Space Trees ensemble per entity kind. A window whose mass in the
/// model is far below a typical window's alerts, for entities past a warm-up, naming the
/// features that set it apart with their typical values. Pure state machine: time comes from
/// the observations and from ``advance(to:)``.
public struct MultivariateDetector: Sendable {
  /// Detector settings.
  public struct Configuration: Sendable {
    /// The window activity is summed over.
    public var window: Duration = .seconds(300)
    /// Trees per ensemble.
    public var trees = 25
    /// Depth of every tree (12: about 4 MB per entity kind with 25 trees).
    public var depth = 12
    /// Windows per Half-Space Trees reference window (ψ): the model scores once it has seen
    /// this many windows of an entity kind.
    public var referenceWindows = 250
    /// Windows an entity must have closed before it can alert.
    public var warmUpWindows = 12
    /// A window's score is log2(typical mass / the window's mass) in its kind's ensemble; it
    /// alerts when the score lies this many robust deviations (1.4826·MAD) above the recent
    /// windows' scores of the kind …
    public var threshold = 6.0
    /// … and is at least this much (1: half the mass a typical window of the kind lands in).
    public var minimumScore = 1.0
    /// Per-namespace sensitivity: the threshold is divided by it.
    public var namespaceSensitivity: [String: Double] = [:]
    /// Windows of each entity kept to state its typical values.
    public var typicalHistory = 24
    /// Distinct values counted per category and window at most.
    public var maxDistinct = 10_000
    /// Most entities kept; beyond it the longest idle are forgotten.
    public var maxEntities = 100_000
    /// Alerts about one entity within this long of the first aggregate into one.
    public var aggregation: Duration = .seconds(3600)
    /// Seed of the ensembles' random work spaces.
    public var seed: UInt64 = 0x5EED_CAFE
    /// Creates the defaults.
    public init() {}
  }

  struct EntityState: Sendable {
    /// The open window's index, nil when no window is open.
    var window: Int64?
    var counts: [Double]
    var distinct: [Set<UInt64>]
    /// Windows closed so far.
    var closed = 0
    var firstWindow: Int64
    var lastWindow: Int64
    /// Raw feature vectors of the last windows, `typicalHistory × ActivityFeatures.count`.
    var history: [Float] = []
    var historyNext = 0
  }

  struct KindModel: Sendable {
    var trees: HalfSpaceTrees
    /// Raw mass scores of recent windows, for the typical mass.
    var masses: [Double] = []
    var massNext = 0
    var typicalMass = 0.0
    /// The robust spread (1.4826·MAD) of the recent windows' scores.
    var scoreSpread = 0.0
    var sinceTypical = 0
  }

  /// The settings in force.
  public let configuration: Configuration
  var entities: [EntityKey: EntityState] = [:]
  var models: [EntityKey.Kind: KindModel] = [:]
  var gate: StatisticalAlertGate
  let windowNanoseconds: Int64

  /// Creates the detector.
  public init(configuration: Configuration = .init()) {
    self.configuration = configuration
    self.gate = StatisticalAlertGate(window: configuration.aggregation)
    self.windowNanoseconds = max(1_000_000_000, configuration.window.nanoseconds)
  }

  /// Entities being tracked.
  public var entityCount: Int { entities.count }

  /// Adds an observation's facts and series amounts; returns the alerts of windows it closed.
  public mutating func observe(_ observation: BehaviorObservation) -> [Alert] {
    var found: [Scored] = []
    for fact in observation.facts {
      let index = ActivityFeatures.index(of: fact.category) - SeriesKind.allCases.count
      let hash = StableHash.fnv1a64(fact.value)
      let limit = configuration.maxDistinct
      update(fact.entity, at: fact.time, into: &found) { state in
        if state.distinct[index].count < limit { state.distinct[index].insert(hash) }
      }
    }
    for item in observation.series {
      let index = ActivityFeatures.index(of: item.series)
      update(item.entity, at: item.time, into: &found) { $0.counts[index] += item.amount }
    }
    return admit(found)
  }

  /// Time has reached `now`: closes every window that ended by then and releases aggregated
  /// repeats.
  public mutating func advance(to now: Timestamp) -> [Alert] {
    let current = windowIndex(now)
    var found: [Scored] = []
    let due = entities.compactMap { key, state in
      state.window.map { $0 < current ? key : nil } ?? nil
    }.sorted()
    for key in due { close(key, into: &found) }
    return admit(found) + gate.flush(upTo: now)
  }

  func windowIndex(_ time: Timestamp) -> Int64 {
    let ns = time.nanoseconds
    return ns >= 0 ? ns / windowNanoseconds : (ns - windowNanoseconds + 1) / windowNanoseconds
  }

  /// Applies `change` to the entity's window holding `time`, closing its previous window first.
  private mutating func update(
    _ entity: EntityKey, at time: Timestamp, into found: inout [Scored],
    _ change: (inout EntityState) -> Void
  ) {
    let window = windowIndex(time)
    if let open = entities[entity]?.window, window > open { close(entity, into: &found) }
    if entities[entity] == nil {
      entities[entity] = EntityState(
        counts: Self.zeroCounts, distinct: Self.emptySets, firstWindow: window,
        lastWindow: window)
      evictIfNeeded()
    }
    guard let index = entities.index(forKey: entity) else { return }
    if entities.values[index].window == nil {
      entities.values[index].window = window
      entities.values[index].lastWindow = window
    }
    change(&entities.values[index])
  }

  static let zeroCounts = [Double](repeating: 0, count: SeriesKind.allCases.count)
  static let emptySets = [Set<UInt64>](repeating: [], count: FactCategory.allCases.count)

  private mutating func admit(_ found: [Scored]) -> [Alert] {
    found.compactMap { gate.admit($0.alert, strength: $0.score) }
  }

  private mutating func evictIfNeeded() {
    guard entities.count > configuration.maxEntities else { return }
    let keep = configuration.maxEntities * 9 / 10
    let sorted = entities.sorted { $0.value.lastWindow > $1.value.lastWindow }
    entities = Dictionary(uniqueKeysWithValues: sorted.prefix(keep).map { ($0.key, $0.value) })
  }
}
