import VigilCore

/// Where a behavior profile is in its life: learning what is normal, stable (new values are
/// scored and alerted), relaxed after a rollout, or locked by hand.
public enum ProfileState: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Still learning: new values are folded in, never alerted.
  case learning
  /// Old enough and settled: new values are scored and alerted above the threshold.
  case stable
  /// A rollout (image change) happened: learning without alerts until the given time.
  case relaxed(until: Timestamp)
  /// Locked by hand: nothing is learned and every new value is alerted.
  case locked

  /// `learning`, `stable`, `relaxed` or `locked` (the store's `state` column).
  public var name: String {
    switch self {
    case .learning: "learning"
    case .stable: "stable"
    case .relaxed: "relaxed"
    case .locked: "locked"
    }
  }

  /// The name, with the end of a relaxation: `relaxed until 2026-…`.
  public var description: String {
    if case .relaxed(let until) = self { return "relaxed until \(until)" }
    return name
  }
}
