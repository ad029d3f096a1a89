extension ProfileBook {
  /// Profile settings. The defaults aim at few false alerts on a cluster whose workloads talk to
  /// the same few peers every day; tighten or loosen them per site.
  public struct Configuration: Sendable {
    /// Values kept per category and profile before the least frequent go to the sketch. 256
    /// holds every peer, domain and API-call shape of all but the busiest entities.
    public var valuesPerCategory = 256
    /// How long a profile learns before it may become stable. 24 h sees one whole daily cycle
    /// (Kubescape learns 12–24 h; RHACS 1 h, which misses nightly jobs).
    public var learningPeriod: Duration = .seconds(86_400)
    /// Good–Turing new-value probability (singletons ÷ observations) under which a category
    /// counts as settled. 5 % means at most one observation in twenty is a value seen only
    /// once: the profile has stopped discovering its normal. It is only a gate; the per-value
    /// score threshold makes the finer decision.
    public var stabilityThreshold = 0.05
    /// Observations a category needs before it can settle (fewer: it keeps learning on its own
    /// even in a stable profile).
    public var minimumObservations = 20
    /// Per-category overrides of `minimumObservations`: registries and images are seen once
    /// per pod start, so a handful is already a history.
    public var minimumObservationsByCategory: [FactCategory: Int] = [.registry: 5, .image: 5]
    /// Alert when `-log10(p_new) × sensitivity` reaches this. 2.5 (p_new ≤ 0.3 %) alerts on a
    /// workload with 3 peers over thousands of observations (score ≈ 4) but not on one with
    /// hundreds of peers and a steady trickle of singletons (score ≈ 2).
    public var scoreThreshold = 2.5
    /// Per-category overrides of `scoreThreshold`: registries and images have few
    /// observations, so even a settled history gives a modest score; a new registry for a
    /// workload is rare and worth a look (p_new ≤ 16 %).
    public var scoreThresholdByCategory: [FactCategory: Double] = [.registry: 0.8, .image: 0.8]
    /// Process facts this soon after an entity's first observation are learned, never alerted
    /// (a container's startup; RHACS uses the first minute).
    public var startupWindow: Duration = .seconds(60)
    /// How long a rollout relaxes a profile: long enough for a rolling update and the new
    /// pods' first connections.
    public var rolloutRelaxation: Duration = .seconds(3_600)
    /// Most profiles held; above it the longest idle tenth is evicted.
    public var maxProfiles = 50_000
    /// Sensitivity per namespace: 0 = no novelty alerts (locked profiles still alert), 1 =
    /// default, above 1 = more sensitive (the score is multiplied by it).
    public var namespaceSensitivity: [String: Double] = [:]
    /// Score the first value of a category a stable profile never had (a workload that never
    /// resolved a domain now does), by the profile's total observations. Only once the book
    /// has seen that category for a whole learning period, so a source that comes online late
    /// does not alert on every profile.
    public var alertOnFirstValueOfCategory = true

    /// The defaults.
    public init() {}

    /// The minimum observations for `category`.
    public func minimumObservations(for category: FactCategory) -> Int {
      minimumObservationsByCategory[category] ?? minimumObservations
    }

    /// The score threshold for `category`.
    public func scoreThreshold(for category: FactCategory) -> Double {
      scoreThresholdByCategory[category] ?? scoreThreshold
    }

    /// The sensitivity for a namespace (1 when unset or for entities without one).
    public func sensitivity(forNamespace namespace: String?) -> Double {
      namespace.flatMap { namespaceSensitivity[$0] } ?? 1
    }
  }

  /// Counters of what the book did.
  public struct Statistics: Sendable, Hashable, Codable {
    /// Facts observed.
    public var facts = 0
    /// Facts whose value was new to the profile (including those returning from the sketch).
    public var newValues = 0
    /// New values learned while the profile was learning.
    public var learnedWhileLearning = 0
    /// New values learned while the profile was relaxed after a rollout.
    public var learnedWhileRelaxed = 0
    /// New process values learned in a container's startup window.
    public var learnedAtStartup = 0
    /// New values learned in a category that has not settled.
    public var learnedInUnsettledCategory = 0
    /// New values below the (sensitivity-adjusted) threshold, learned without a finding.
    public var belowThreshold = 0
    /// Values found in the long-tail sketch (seen before, rarely), not new.
    public var returningValues = 0
    /// Findings returned.
    public var findings = 0
    /// Values moved from the tables to the sketch.
    public var evictedValues = 0
    /// Profiles evicted above the cap.
    public var evictedProfiles = 0
    /// No counts yet.
    public init() {}
  }
}
