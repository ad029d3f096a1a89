import VigilCore
import VigilKube
import VigilNet

/// A seeded, deterministic simulation of a small cluster over several days: audit events (real
/// audit.k8s.io/v1 JSON lines), flow records and pod changes, in time order, with a daily
/// rhythm, CD rollouts, HPA scaling, hourly CronJobs, a namespace created on day 2 and people
/// using kubectl; optionally with attacks injected after the learning days.
public enum ClusterSimulator {
  /// What to simulate.
  public struct Configuration: Sendable {
    /// The seed: the same seed gives the same history.
    public var seed: UInt64 = 1
    /// Simulated days.
    public var days = 3
    /// Days at the start that are learning (no attack is injected in them).
    public var learningDays = 1
    /// Midnight of the first day (2026-11-02, a Monday).
    public var start = Timestamp(nanoseconds: 1_793_577_600 * 1_000_000_000)
    /// The attacks to inject (none: a benign history).
    public var attacks: [ScenarioAttack.Kind] = []
    /// The cluster.
    public var cluster = ScenarioCluster.standard
    /// Creates the defaults (3 days, the first learning, no attacks).
    public init() {}
  }

  /// A simulated history.
  public struct Output: Sendable {
    /// The cluster's objects before the history starts.
    public var snapshot: ClusterSnapshot
    /// Everything that happened, in time order.
    public var events: [ScenarioEvent]
    /// The injected attacks, by start time.
    public var attacks: [ScenarioAttack]
    /// The first instant.
    public var start: Timestamp
    /// When learning ends.
    public var learningEnd: Timestamp
    /// The end.
    public var end: Timestamp
    /// Creates a history (tests cut one down this way).
    public init(
      snapshot: ClusterSnapshot, events: [ScenarioEvent], attacks: [ScenarioAttack],
      start: Timestamp, learningEnd: Timestamp, end: Timestamp
    ) {
      self.snapshot = snapshot
      self.events = events
      self.attacks = attacks
      self.start = start
      self.learningEnd = learningEnd
      self.end = end
    }

    /// Audit events in `events`.
    public var auditEvents: Int { events.reduce(0) { if case .audit = $1 { $0 + 1 } else { $0 } } }
    /// Flows in `events`.
    public var flows: Int { events.reduce(0) { if case .flow = $1 { $0 + 1 } else { $0 } } }
  }

  /// Runs the simulation.
  public static func run(_ configuration: Configuration) -> Output {
    var simulation = ClusterSimulation(configuration: configuration)
    return simulation.run()
  }
}

/// A pod of the simulation.
struct ScenarioPod: Sendable {
  var name: String
  var namespace: String
  var workload: String
  var ip: String
  var node: ScenarioCluster.Node
  /// `kind/name` of the direct owner.
  var ownerKind: String
  var ownerName: String
  var templateHash: String?
  var image: String
  var uid: String
}

/// The simulation's state while it runs (one history).
struct ClusterSimulation {
  let configuration: ClusterSimulator.Configuration
  let cluster: ScenarioCluster
  var random: ScenarioRandom
  var attackRandom: ScenarioRandom
  var workloads: [ScenarioWorkload]
  /// Running pods by workload label.
  var pods: [String: [ScenarioPod]] = [:]
  /// Current tag by workload label.
  var tags: [String: String] = [:]
  /// Current pod-template hash by workload label.
  var hashes: [String: String] = [:]
  /// Service addresses by workload label.
  var serviceIPs: [String: String] = [:]
  var nextHost: [Int: Int] = [:]
  var nextNode = 0
  var counter: UInt64 = 0
  var events: [(event: ScenarioEvent, order: Int)] = []
  var attacks: [ScenarioAttack] = []
  /// Cron pods (label, pod, end) running now.
  var snapshotObjects: [String] = []

  init(configuration: ClusterSimulator.Configuration) {
    self.configuration = configuration
    cluster = configuration.cluster
    random = ScenarioRandom(seed: configuration.seed)
    attackRandom = ScenarioRandom.derived(from: configuration.seed, stream: 7)
    workloads = cluster.workloads
  }

  var start: Timestamp { configuration.start }

  func time(hour: Int, second: Int = 0) -> Timestamp {
    start.adding(.seconds(hour * 3600 + second))
  }

  mutating func emit(_ event: ScenarioEvent) {
    events.append((event, events.count))
  }

  mutating func nextID() -> String {
    counter += 1
    let hex = String(counter, radix: 16)
    let seed = String(configuration.seed & 0xffff_ffff, radix: 16)
    return "\(String(repeating: "0", count: max(0, 8 - seed.count)))\(seed)-5c3e-4a1b-9d2f-"
      + "\(String(repeating: "0", count: max(0, 12 - hex.count)))\(hex)"
  }

  mutating func audit(_ request: ScenarioAuditRequest, at time: Timestamp) {
    let id = nextID()
    emit(.audit(time: time, line: request.line(at: time, auditID: id)))
  }

  mutating func run() -> ClusterSimulator.Output {
    let days = max(1, configuration.days)
    let learningDays = min(max(0, configuration.learningDays), days - 1)
    setUpCluster()
    let plan = planDeploys(days: days)
    let attackPlan = planAttacks(from: learningDays, to: days)
    let lateNamespaceHour = days >= 2 ? 24 + 10 : nil
    for hour in 0..<(days * 24) {
      let hourOfDay = hour % 24
      if hour == lateNamespaceHour { createLateNamespace(hour: hour) }
      scaleIfDue(hour: hour, hourOfDay: hourOfDay)
      for (label, minute) in plan[hour] ?? [] {
        deploy(label, at: time(hour: hour, second: minute * 60))
      }
      runCronJobs(hour: hour)
      backgroundAudit(hour: hour, hourOfDay: hourOfDay)
      people(hour: hour, hourOfDay: hourOfDay)
      traffic(hour: hour, hourOfDay: hourOfDay)
      for (kind, at) in attackPlan where at >= time(hour: hour) && at < time(hour: hour + 1) {
        inject(kind, at: at)
      }
    }
    events.sort { ($0.event.time, $0.order) < ($1.event.time, $1.order) }
    var snapshot = ClusterSnapshot()
    let list =
      #"{"apiVersion":"v1","kind":"List","items":["#
      + snapshotObjects.joined(separator: ",") + "]}"
    snapshot.add(file: "scenario-cluster.json", bytes: Array(list.utf8), at: start)
    return ClusterSimulator.Output(
      snapshot: snapshot, events: events.map(\.event),
      attacks: attacks.sorted { $0.injectedAt < $1.injectedAt }, start: start,
      learningEnd: time(hour: learningDays * 24), end: time(hour: days * 24))
  }

  /// Working hours: 08:00–17:59 on weekdays.
  func isWorking(hour: Int) -> Bool {
    let hourOfDay = hour % 24
    return (8...17).contains(hourOfDay) && (hour / 24) % 7 < 5
  }

  /// Deploy times: 2–3 CD rollouts per working day of app Deployments, in working hours.
  mutating func planDeploys(days: Int) -> [Int: [(String, Int)]] {
    let deployable = workloads.filter {
      $0.kind == .deployment && ["prod-payments", "prod-web", "staging-web"].contains($0.namespace)
    }.map(\.label)
    var plan: [Int: [(String, Int)]] = [:]
    for day in 0..<days where day % 7 < 5 {
      for _ in 0..<random.int(2...3) {
        let hour = day * 24 + random.int(9...16)
        let label = deployable[random.int(0...(deployable.count - 1))]
        plan[hour, default: []].append((label, random.int(5...50)))
      }
    }
    return plan
  }
}
