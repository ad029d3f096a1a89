import VigilCore

/// One attack injected into a simulated history: what it is, when it starts, which entities it
/// involves, and how an alert is recognized as detecting it.
public struct ScenarioAttack: Sendable, Hashable {
  /// The attacks the suite knows.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// A Java workload resolves a new domain and connects out to it on odd ports (the shell it
    /// spawns is not represented: no process events yet, and an in-process RCE makes no exec
    /// audit event).
    case log4jCallback = "log4j-rce"
    /// A Deployment with a miner image from a public registry, created by an unusual identity;
    /// its pods resolve a pool domain and connect to port 3333.
    case cryptominer = "cryptominer-rollout"
    /// A service account's token used from a new source IP with verbs and resources that
    /// account never used (listing secrets across namespaces).
    case stolenToken = "stolen-sa-token"
    /// A pod connecting to many internal services it never used, across namespaces, in minutes.
    case lateralMovement = "lateral-movement"
    /// Bytes to a new domain far above the workload's normal.
    case exfiltration = "exfiltration"
    /// `kubectl set image` by a person on a prod Deployment the CD identity deploys.
    case outOfBandSetImage = "oob-set-image"
  }

  /// How an alert is matched to the attack (any one criterion suffices), from its start on.
  public struct Expectation: Sendable, Hashable {
    /// Workloads (`namespace`, `name`) an alert's subject may name.
    public var workloads: [[String]] = []
    /// Users an alert's subject may name, with the source IP it must carry (nil: any).
    public var users: [[String]] = []
    /// Text that, found in the output or a field value, ties the alert to the attack.
    public var texts: [String] = []
  }

  /// The kind.
  public var kind: Kind
  /// A stable identifier (`log4j-rce`).
  public var id: String { kind.rawValue }
  /// One line on what happens.
  public var summary: String
  /// When the first event of the attack happens.
  public var injectedAt: Timestamp
  /// The entities involved (`prod-payments/payments-api`, a user …).
  public var entities: [String]
  /// What the matching alerts name.
  public var expectation: Expectation

  /// Whether `alert` detects this attack.
  public func isDetected(by alert: Alert) -> Bool {
    guard alert.lastSeen >= injectedAt else { return false }
    let subject = alert.subject
    for workload in expectation.workloads where workload.count == 2 {
      if subject.namespace == workload[0] && subject.name == workload[1] { return true }
    }
    for user in expectation.users where !user.isEmpty {
      if subject.user == user[0], user.count < 2 || subject.sourceIP == user[1] { return true }
    }
    for text in expectation.texts {
      if alert.output.contains(text) { return true }
      if alert.fields.contains(where: { $0.value?.contains(text) ?? false }) { return true }
    }
    return false
  }
}
