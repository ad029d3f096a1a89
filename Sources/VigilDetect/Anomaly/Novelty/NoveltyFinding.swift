import VigilCore

/// A value new to a stable (or locked) profile that scored above the threshold: what is new,
/// how surprising, and what the profile knew.
public struct NoveltyFinding: Sendable, Hashable {
  /// Whose profile.
  public var entity: EntityKey
  /// The category of the new value.
  public var category: FactCategory
  /// The new value.
  public var value: String
  /// When it was observed.
  public var time: Timestamp
  /// `-log10(p_new)`: 2 means one observation in a hundred would be new; higher is more
  /// surprising.
  public var score: Double
  /// The smoothed Good–Turing probability that an observation of this category is new.
  public var newValueProbability: Double
  /// The threshold the score was compared with, after the namespace's sensitivity (the score
  /// reached it, unless the profile is locked).
  public var threshold: Double
  /// The namespace sensitivity applied.
  public var sensitivity: Double
  /// The profile's state (`stable` or `locked`).
  public var state: ProfileState
  /// The profile's first observation.
  public var learningSince: Timestamp
  /// Observations of the category before this one.
  public var observations: Int
  /// Distinct values of the category before this one.
  public var distinctValues: Int
  /// Values of the category seen exactly once, before this one.
  public var singletons: Int
  /// The category had no value at all before (scored by the profile's total observations).
  public var firstOfCategory: Bool
  /// The most frequent known values of the category (a few).
  public var knownValues: [KnownValue]

  /// How long the profile had been learning when the value arrived.
  public var learningFor: Duration { time.since(learningSince) }
}

/// One value a profile knows, with its count and first and last sighting.
public struct KnownValue: Sendable, Hashable, Codable {
  /// The value.
  public var value: String
  /// Occurrences.
  public var count: Int
  /// First seen.
  public var firstSeen: Timestamp
  /// Last seen.
  public var lastSeen: Timestamp

  /// A known value.
  public init(value: String, count: Int, firstSeen: Timestamp, lastSeen: Timestamp) {
    self.value = value
    self.count = count
    self.firstSeen = firstSeen
    self.lastSeen = lastSeen
  }
}
