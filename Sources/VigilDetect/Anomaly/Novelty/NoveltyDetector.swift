import VigilCore

/// Turns behavior observations into novelty alerts: each fact goes through the profile book;
/// a finding becomes an alert unless a suppression covers it. Alerts are aggregated per
/// (entity, category) per window: the first finding is alerted at once; later ones within the
/// window only add to its count and value list, and when the window closes one summary alert
/// (same dedup key, the full count and values) is released if there were any.
///
/// Pure state machine: time comes from the facts; `flush(upTo:)` and `finish()` release the
/// summaries.
public struct NoveltyDetector: Sendable {
  /// Detector settings.
  public struct Configuration: Sendable {
    /// Aggregation window per (entity, category); Kubescape also goes quiet for an hour.
    public var window: Duration = .seconds(3_600)
    /// Known values listed in an alert.
    public var knownValuesListed = 5
    /// New values listed in an aggregated alert.
    public var newValuesListed = 20
    /// The profile settings.
    public var profiles = ProfileBook.Configuration()
    /// The defaults.
    public init() {}
  }

  /// What the detector did.
  public struct Statistics: Sendable, Hashable {
    /// Findings from the book.
    public var findings = 0
    /// Alerts released at the first finding of a window.
    public var alerts = 0
    /// Findings folded into an open window.
    public var aggregated = 0
    /// Summary alerts released when a window closed.
    public var summaries = 0
    /// Findings a suppression covered (learned, not alerted).
    public var suppressed = 0
    /// Suppressions dropped after expiry.
    public var expiredSuppressions = 0
    /// No counts yet.
    public init() {}
  }

  /// An open aggregation window.
  struct Window: Sendable {
    var first: NoveltyFinding
    var latest: NoveltyFinding
    var values: [String]
    var count: Int
    var closesAt: Timestamp
  }

  /// Aggregation key.
  struct WindowKey: Sendable, Hashable {
    var entity: EntityKey
    var category: FactCategory
  }

  /// The settings in force.
  public let configuration: Configuration
  /// The profiles (lock, unlock, sensitivity and inspection go through it).
  public var book: ProfileBook
  /// Active suppressions.
  public private(set) var suppressions: [NoveltySuppression] = []
  /// Counters.
  public private(set) var statistics = Statistics()
  var windows: [WindowKey: Window] = [:]
  /// The earliest `closesAt` of the open windows (nil: none open), so that a flush with nothing
  /// due costs one comparison instead of a walk over every window.
  var nextClose: Timestamp?
  /// The latest time seen in a fact.
  public private(set) var now: Timestamp?

  /// A detector with empty profiles, or with restored ones.
  public init(configuration: Configuration = .init(), book: ProfileBook? = nil) {
    self.configuration = configuration
    self.book = book ?? ProfileBook(configuration: configuration.profiles)
  }

  /// Adds a suppression.
  public mutating func suppress(_ suppression: NoveltySuppression) {
    suppressions.append(suppression)
  }

  /// Folds an observation in: rollouts first (at the observation's latest fact time), then each
  /// fact. Returns the first alert of each new window and the summaries of windows that closed.
  public mutating func observe(_ observation: BehaviorObservation) -> [Alert] {
    var latest = now
    for fact in observation.facts where latest.map({ fact.time > $0 }) ?? true {
      latest = fact.time
    }
    if let at = latest {
      for entity in observation.rollouts { book.rollout(entity, at: at) }
    }
    var alerts = latest.map { flush(upTo: $0) } ?? []
    for fact in observation.facts {
      if let finding = book.observe(fact) { alerts += handle(finding) }
    }
    now = latest
    return alerts
  }

  /// Releases the summaries of windows closed by `time`.
  public mutating func flush(upTo time: Timestamp) -> [Alert] {
    guard let due = nextClose, due <= time else { return [] }
    var closed: [(WindowKey, Window)] = []
    for (key, window) in windows where window.closesAt <= time { closed.append((key, window)) }
    closed.sort {
      ($0.1.closesAt, $0.0.entity, $0.0.category.rawValue)
        < ($1.1.closesAt, $1.0.entity, $1.0.category.rawValue)
    }
    var alerts: [Alert] = []
    nextClose = windows.values.lazy.map(\.closesAt).filter { $0 > time }.min()
    for (key, window) in closed {
      windows[key] = nil
      if window.count > 1 {
        statistics.summaries += 1
        alerts.append(alert(for: window))
      }
    }
    return alerts
  }

  /// Releases every open window's summary (end of input).
  public mutating func finish() -> [Alert] {
    flush(upTo: Timestamp(nanoseconds: .max))
  }

  /// Folds the facts an alert names into the profile as known (`vigil baseline accept`);
  /// returns how many.
  @discardableResult
  public mutating func accept(_ alert: Alert) -> Int {
    let facts = Self.facts(in: alert)
    for fact in facts { book.accept(fact) }
    return facts.count
  }

  /// A finding: suppressed (counted), folded into its open window, or a new alert.
  private mutating func handle(_ finding: NoveltyFinding) -> [Alert] {
    statistics.findings += 1
    if suppressions.contains(where: { $0.until <= finding.time }) {
      let before = suppressions.count
      suppressions.removeAll { $0.until <= finding.time }
      statistics.expiredSuppressions += before - suppressions.count
    }
    if suppressions.contains(where: { $0.matches(finding) }) {
      statistics.suppressed += 1
      return []
    }
    let key = WindowKey(entity: finding.entity, category: finding.category)
    var alerts: [Alert] = []
    if let index = windows.index(forKey: key), finding.time >= windows.values[index].closesAt {
      // Closed but not flushed yet (facts of one observation spanning a window).
      if windows.values[index].count > 1 {
        statistics.summaries += 1
        alerts.append(alert(for: windows.values[index]))
      }
      windows.remove(at: index)
    }
    if let index = windows.index(forKey: key) {
      statistics.aggregated += 1
      windows.values[index].count += 1
      windows.values[index].latest = finding
      if windows.values[index].values.count < configuration.newValuesListed,
        !windows.values[index].values.contains(finding.value)
      {
        windows.values[index].values.append(finding.value)
      }
      return alerts
    }
    let window = Window(
      first: finding, latest: finding, values: [finding.value], count: 1,
      closesAt: finding.time.adding(configuration.window))
    windows[key] = window
    if nextClose.map({ window.closesAt < $0 }) ?? true { nextClose = window.closesAt }
    statistics.alerts += 1
    alerts.append(alert(for: window))
    return alerts
  }
}
