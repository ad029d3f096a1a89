import VigilCore

/// A change to the cluster's entry points: one appeared, opened wider, narrowed, or went away.
public struct ExposureChange: Sendable, Hashable, CustomStringConvertible {
  /// The direction of the change.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// A new entry point on a new object.
    case added
    /// More is reachable than before: a wider Service type, a new port, host, path or backend,
    /// TLS removed, external IPs added, a sensitive service now behind it.
    case widened
    /// Less is reachable than before (recorded at low severity).
    case narrowed
    /// The entry point is gone (recorded at low severity).
    case removed
    /// Only its addresses changed (a load balancer got its IP).
    case updated
  }

  /// The direction.
  public var kind: Kind
  /// The entry point as it is now (as it was, for `removed`).
  public var exposure: Exposure
  /// The entry point before the change; nil for `added`.
  public var previous: Exposure?
  /// How urgent: the exposure's severity when it opens, informational otherwise.
  public var severity: Severity
  /// What changed (`Service payments/db changed from ClusterIP to LoadBalancer (ports 5432/TCP)`).
  public var summary: String
  /// Why it matters, when a sensitive service is behind it
  /// (`LoadBalancer in front of postgres (port 5432)`).
  public var reason: String?
  /// When the change was seen.
  public var time: Timestamp

  /// Creates a change; severity follows from the kind and the exposure.
  public init(
    kind: Kind, exposure: Exposure, previous: Exposure?, summary: String, time: Timestamp
  ) {
    self.kind = kind
    self.exposure = exposure
    self.previous = previous
    self.summary = summary
    self.time = time
    let opens = kind == .added || kind == .widened
    let assessment = exposure.assessment
    severity = opens ? assessment.severity : .informational
    reason = opens && exposure.sensitivity?.level == .high ? assessment.reason : nil
  }

  /// The summary, then the reason after a dash when there is one.
  public var description: String { reason.map { "\(summary) — \($0)" } ?? summary }
}
