import VigilCore

/// A deterministic, realistic day of Kubernetes API-server audit log (`audit.k8s.io/v1` events as
/// a 1.30 API server writes them, one JSON object per line, in time order) for a small cluster,
/// with attacks woven in at fixed times.
///
/// The same seed always yields the same bytes: the generator has its own PRNG and reads no clock.
/// The audit policy it follows is described in `demo/README.md`.
public struct DemoAuditLog: Sendable {
  /// Seed of the pseudo-random generator.
  public var seed: UInt64
  /// Start of the window.
  public var start: Timestamp
  /// Length of the window.
  public var duration: Duration
  /// Multiplier on the rate of benign traffic (1 = a small production cluster).
  public var scale: Double

  /// The default start: Monday 2026-11-02, 00:00 UTC.
  public static let defaultStart = Timestamp(nanoseconds: 1_793_577_600 * 1_000_000_000)

  /// Describes a log; nothing is generated until `lines()`.
  public init(
    seed: UInt64 = 1, start: Timestamp = DemoAuditLog.defaultStart,
    duration: Duration = .seconds(86_400), scale: Double = 1
  ) {
    self.seed = seed
    self.start = start
    self.duration = duration
    self.scale = scale
  }

  /// The generated day, before ordering.
  func build() -> DemoDay {
    let nanos =
      duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    var day = DemoDay(seed: seed, start: start.nanoseconds, duration: nanos, scale: scale)
    day.heartbeats()
    day.watches()
    day.probes()
    day.tokenRefreshes()
    day.routineDenials()
    day.humans()
    day.certificates()
    day.deploys()
    day.weaveAttacks()
    return day
  }

  /// Every audit event of the window as a JSON line (without the newline), in stage-time order.
  public func lines() -> [String] { build().lines() }

  /// The attacks woven into the window (those whose time falls inside it).
  public func attacks() -> [DemoAttack] {
    let end = start.nanoseconds + duration.components.seconds * 1_000_000_000
    return build().attacks.filter {
      guard let t = Timestamp(rfc3339: $0.time) else { return false }
      return t.nanoseconds >= start.nanoseconds && t.nanoseconds < end
    }
  }
}
