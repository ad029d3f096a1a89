import VigilCore
import VigilNet

/// Learned baselines on one stream (the audit log, or flows): turns each event or flow into
/// behavior facts, series amounts and edges (``BehaviorExtractor``) and runs the four anomaly
/// detectors over them — novelty against stable profiles, seasonal rates, the multivariate
/// window score, and MIDAS-R edge bursts. Time comes from the data; the rate, multivariate and
/// edge detectors close their buckets at most once per ``Configuration/tick`` of stream time, so
/// the per-event cost stays that of the profile update.
public struct BaselineDetector: Detector, NetworkDetector, Sendable {
  /// Settings of the four detectors.
  public struct Configuration: Sendable {
    /// Novelty against stable profiles (and the profiles' learning settings).
    public var novelty = NoveltyDetector.Configuration()
    /// Seasonal rate baselines.
    public var rates = RateDetector.Configuration()
    /// Per-entity window scores.
    public var multivariate = MultivariateDetector.Configuration()
    /// Edge bursts.
    public var edges = EdgeBurstDetector.Configuration()
    /// Which detectors run.
    public var runsNovelty = true
    /// Which detectors run.
    public var runsRates = true
    /// Which detectors run.
    public var runsMultivariate = true
    /// Which detectors run.
    public var runsEdges = true
    /// How often (stream time) closed buckets and windows are looked for.
    public var tick: Duration = .seconds(60)

    /// Sets the learning period of every detector (24 h by default; minutes in a demo): the
    /// profiles' age before novelty alerts, the history a rate series needs before its
    /// fallback baseline judges, and how long edge bursts are only learned.
    public mutating func setLearningPeriod(_ period: Duration) {
      novelty.profiles.learningPeriod = period
      rates.baseline.minimumBuckets = max(1, Int(period / rates.baseline.bucket))
      edges.learning = period
    }

    /// Sets every detector's per-namespace sensitivity (0 silences a namespace, 2 alerts at
    /// half the deviation).
    public mutating func setNamespaceSensitivity(_ factors: [String: Double]) {
      novelty.profiles.namespaceSensitivity = factors
      rates.namespaceSensitivity = factors
      multivariate.namespaceSensitivity = factors
      edges.namespaceSensitivity = factors
    }

    /// The defaults: every detector learns for 24 h.
    public init() {
      setLearningPeriod(.seconds(86_400))
    }
  }

  /// The settings in force.
  public let configuration: Configuration
  /// Novelty detection and the profiles it keeps (lock, unlock, accept go through it).
  public var novelty: NoveltyDetector
  /// Rate baselines.
  public var rates: RateDetector
  /// Window scores.
  public var multivariate: MultivariateDetector
  /// Edge bursts.
  public var edges: EdgeBurstDetector
  var extractor = BehaviorExtractor()
  var nextTick: Int64 = .min
  let tickNanoseconds: Int64

  /// A detector with empty profiles, or with `book` restored from the store.
  public init(configuration: Configuration = .init(), book: ProfileBook? = nil) {
    self.configuration = configuration
    novelty = NoveltyDetector(configuration: configuration.novelty, book: book)
    rates = RateDetector(configuration: configuration.rates)
    multivariate = MultivariateDetector(configuration: configuration.multivariate)
    edges = EdgeBurstDetector(configuration: configuration.edges)
    tickNanoseconds = max(1, configuration.tick.nanoseconds)
  }

  /// An audit event (`Detector`): its actor's facts, series and edges.
  public mutating func observe(_ event: Event, at now: Timestamp) -> [Alert] {
    guard let audit = event.audit else { return [] }
    let observation = extractor.observe(audit: audit, at: event.time)
    var alerts = observe(observation, at: event.time)
    // Alerts this request raised about its own caller carry it as evidence, with the address
    // it came from (profiles learn networks; the alert names the address).
    for index in alerts.indices
    where alerts[index].time == event.time && alerts[index].subject.user == audit.user.username {
      if let address = audit.sourceIPs.first { alerts[index].subject.sourceIP = address }
      if alerts[index].subject.userAgent == nil {
        alerts[index].subject.userAgent = audit.userAgent
      }
      alerts[index].evidence.append(Evidence(event: event))
    }
    return alerts
  }

  /// An attributed flow (`NetworkDetector`): the source workload's peer or domain, its
  /// connection, failure and byte counts, the destination's listening port.
  public mutating func observe(_ flow: AttributedFlow) -> [Alert] {
    var observation = extractor.observe(flow: flow)
    if configuration.runsNovelty, let peer = BehaviorExtractor.entity(of: flow.destination),
      isNew(peer, at: flow.flow.start)
    {
      // A peer that is itself new to the cluster (a workload deployed within the learning
      // period) is expected news for its callers and scrapers: learned, not alerted.
      var kept: [BehaviorFact] = []
      for fact in observation.facts {
        if fact.category == .peer { novelty.book.accept(fact) } else { kept.append(fact) }
      }
      observation.facts = kept
    }
    return observe(observation, at: flow.flow.start)
  }

  /// Whether `entity` was first seen within the learning period before `time` (or never).
  func isNew(_ entity: EntityKey, at time: Timestamp) -> Bool {
    guard let profile = novelty.book.profile(for: entity) else { return true }
    return time.since(profile.firstObservation) < configuration.novelty.profiles.learningPeriod
  }

  /// Runs an observation made at `time` through the detectors.
  public mutating func observe(_ observation: BehaviorObservation, at time: Timestamp) -> [Alert] {
    var alerts = tick(to: time)
    if configuration.runsNovelty { alerts += novelty.observe(observation) }
    if configuration.runsRates { alerts += rates.observe(observation) }
    if configuration.runsMultivariate { alerts += multivariate.observe(observation) }
    if configuration.runsEdges { alerts += edges.observe(observation) }
    return alerts
  }

  /// Closes what ended by `now` (`NetworkDetector`; the live server calls it every few
  /// seconds): at most once per ``Configuration/tick``, like the observations — closing
  /// buckets walks every series.
  public mutating func advance(to now: Timestamp) -> [Alert] { tick(to: now) }

  /// Releases every open aggregate (end of input).
  public mutating func finish() -> [Alert] {
    let end = Timestamp(nanoseconds: .max / 2)
    var alerts = configuration.runsRates ? rates.advance(to: end) : []
    if configuration.runsMultivariate { alerts += multivariate.advance(to: end) }
    if configuration.runsEdges { alerts += edges.advance(to: end) }
    if configuration.runsNovelty { alerts += novelty.finish() }
    return alerts
  }

  /// The profiles, for the store.
  public func snapshot() -> ProfileSnapshot { novelty.book.snapshot() }

  private mutating func tick(to time: Timestamp) -> [Alert] {
    guard time.nanoseconds >= nextTick else { return [] }
    let now = time.nanoseconds
    nextTick = now - now % tickNanoseconds + tickNanoseconds
    var alerts = configuration.runsNovelty ? novelty.flush(upTo: time) : []
    if configuration.runsRates { alerts += rates.advance(to: time) }
    if configuration.runsMultivariate { alerts += multivariate.advance(to: time) }
    if configuration.runsEdges { alerts += edges.advance(to: time) }
    return alerts
  }
}
